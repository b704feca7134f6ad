using System.Diagnostics;
using TinyNet.Host;
using TinyNet.Host.Images;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;

namespace TinyNet.DigitPhotos;

/// <summary>
/// Entry point (tools/photo-digits.sh). Modes:
///   write --out DIR [--count N] [--seed S] [--data DIR]     the photos as DIR/&lt;digit&gt;/&lt;n&gt;.png|jpg
///   measure --model FILE [--count N] [--seed S] [--data DIR] a model's accuracy on MNIST and on the photos of the same digits
///   finetune --model FILE [--count N] [--seed S] [--profile P] [--epochs E] [--lr X]  before/after fine-tuning on a virtual board
///   style --out DIR [--count N] [--seed S] [--data DIR]     MNIST test digits in another handwriting (thick, slanted, small) as DIR/&lt;digit&gt;/&lt;n&gt;.png
/// </summary>
public static class Program
{
    private const string Usage = "usage: TinyNet.DigitPhotos write --out DIR | measure --model FILE.tnn | style --out DIR | finetune --model FILE.tnn [--profile P] [--epochs E] [--lr X]  [--count N (default 1000)] [--seed S (default 1)] [--data DIR]";

    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is not ("write" or "measure" or "style" or "finetune")) return Fail(Usage);
        string? output = null, model = null, data = null;
        int count = 1000, seed = 1, epochs = 5;
        float learningRate = 0.05f;
        TinyNet.Board.BoardProfile profile = TinyNet.Board.BoardProfile.Default;
        for (int i = 1; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--out" when value != null: output = value; i++; break;
                case "--model" when value != null: model = value; i++; break;
                case "--data" when value != null: data = value; i++; break;
                case "--count" when int.TryParse(value, out count) && count > 0: i++; break;
                case "--seed" when int.TryParse(value, out seed): i++; break;
                case "--epochs" when int.TryParse(value, out epochs) && epochs > 0: i++; break;
                case "--lr" when float.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out learningRate) && learningRate > 0: i++; break;
                case "--profile" when value != null && TinyNet.Board.BoardProfile.FromName(value) is { } named: profile = named; i++; break;
                default: return Fail($"bad argument '{args[i]}'; {Usage}");
            }
        }
        try
        {
            MnistSet test = MnistData.LoadTest(MnistData.FindFolder(data));
            if (args[0] == "finetune")
                return model == null ? Fail($"finetune needs --model FILE; {Usage}")
                    : FineTuneBench.Run(ModelFiles.Load(model), File.ReadAllBytes(model), test, count, seed, profile, epochs, learningRate);
            if (args[0] == "style")
                return output == null ? Fail($"style needs --out DIR; {Usage}") : WriteStyle(test, output, count, seed);
            if (args[0] == "write")
                return output == null ? Fail($"write needs --out DIR; {Usage}") : Write(test, output, count, seed);
            return model == null ? Fail($"measure needs --model FILE; {Usage}") : Measure(ModelFiles.Load(model), model, test, count, seed);
        }
        catch (UserError e)
        {
            return Fail(e.Message);
        }
    }

    // The first `count` test digits redrawn by HandwritingStyle, as 28×28 PNGs (light ink on black, like MNIST).
    private static int WriteStyle(MnistSet test, string folder, int count, int seed)
    {
        count = Math.Min(count, test.Count);
        var first = new MnistSet(test.Pixels[..(count * MnistSet.PixelsPerImage)], test.Labels[..count]);
        MnistSet styled = HandwritingStyle.Restyle(first, (uint)seed);
        for (int n = 0; n < count; n++)
        {
            string classFolder = Directory.CreateDirectory(Path.Combine(folder, styled.Labels[n].ToString())).FullName;
            DigitPng.Save(styled.Pixels[(n * MnistSet.PixelsPerImage)..((n + 1) * MnistSet.PixelsPerImage)], Path.Combine(classFolder, $"{n:D5}.png"));
        }
        Console.WriteLine($"{count} MNIST test digits in another handwriting (seed {seed}) in {folder}/<digit>/*.png");
        return 0;
    }

    private static int Write(MnistSet test, string folder, int count, int seed)
    {
        int written = 0;
        foreach (DigitPhoto photo in PhotoSet.Generate(test, count, seed))
        {
            string classFolder = Directory.CreateDirectory(Path.Combine(folder, photo.Label.ToString())).FullName;
            File.WriteAllBytes(Path.Combine(classFolder, $"{photo.Index:D5}{photo.Extension}"), photo.File);
            written++;
        }
        Console.WriteLine($"{written} photographed-style digits (seed {seed}) in {folder}/<digit>/, PNG and JPEG alternately");
        return 0;
    }

    private static int Measure(TinyNet.Models.Model model, string path, MnistSet test, int count, int seed)
    {
        var clock = Stopwatch.StartNew();
        PhotoAccuracy a = PhotoAccuracy.Measure(model, test, count, seed);
        Console.WriteLine($"{path} on the first {a.Count} MNIST test digits (photo seed {seed}):");
        Console.WriteLine($"  MNIST as is:           {100 * a.Mnist,6:F2} %  ({a.MnistCorrect}/{a.Count})");
        Console.WriteLine($"  MNIST re-prepared:     {100.0 * a.RepreparedCorrect / a.Count,6:F2} %  (the same images through the preparation)");
        Console.WriteLine($"  photographed-style:    {100 * a.Photos,6:F2} %  ({a.PngCorrect + a.JpegCorrect}/{a.Count}; PNG {a.PngCorrect}/{a.PngCount}, JPEG {a.JpegCorrect}/{a.JpegCount}, no digit found {a.NoDigitFound})");
        Console.WriteLine($"  ({clock.Elapsed.TotalSeconds:F1} s to draw, encode, decode, prepare and classify)");
        return 0;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"digit-photos: {message}");
        return 2;
    }
}
