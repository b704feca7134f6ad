namespace TinyNet.Fuzz.Figures;

/// <summary>The figures mode (filled in next).</summary>
public static class FiguresCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("figures: not yet");
        return 1;
    }
}
