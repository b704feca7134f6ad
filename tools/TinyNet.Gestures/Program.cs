using System.Text;

namespace TinyNet.Gestures;

/// <summary>
/// Entry point (tools/gestures.sh): <c>write --out FILE [--count N] [--seed S]</c> writes N windows
/// of each gesture class (default 150, seed 1: the committed tools/data/gestures.csv).
/// </summary>
public static class Program
{
    private const string Usage = "usage: TinyNet.Gestures write --out FILE.csv [--count N per class (default 150)] [--seed S (default 1)]";

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] != "write") return Fail(Usage);
        string? output = null;
        int count = 150, seed = 1;
        for (int i = 1; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value != null: output = value; i++; break;
                case "--count" when int.TryParse(value, out count) && count > 0: i++; break;
                case "--seed" when int.TryParse(value, out seed) && seed >= 0: i++; break;
                default: return Fail($"bad argument '{args[i]}'; {Usage}");
            }
        }
        if (output == null) return Fail($"write needs --out FILE; {Usage}");
        string temp = output + ".tmp";
        File.WriteAllText(temp, GestureGenerator.Csv(count, (uint)seed), new UTF8Encoding(false));
        File.Move(temp, output, overwrite: true);
        Console.WriteLine($"wrote {output}: {count} windows of each of {GestureGenerator.Classes.Length} gestures ({string.Join(", ", GestureGenerator.Classes)}), {GestureGenerator.Samples} samples × 3 axes each");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
