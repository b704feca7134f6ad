using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;
using TinyNet.Host.Mnist;

namespace TinyNet.DigitPhotos;

/// <summary>
/// Draws an MNIST digit the way a phone would see it on paper: 100-300 px, dark ink of some colour
/// on light tinted paper, the digit 45-85 % of the picture's short side somewhere inside it, uneven
/// lighting, sensor noise and a slight blur. Everything follows from the <see cref="Random"/> given.
/// </summary>
public static class PhotoStyle
{
    // Ink colours a pen or pencil gives: black, blue, dark red, dark green, graphite.
    private static readonly Rgb24[] Inks = [new(20, 20, 25), new(25, 35, 120), new(110, 20, 25), new(20, 70, 35), new(70, 70, 75)];

    /// <summary>The photo of the 28×28 digit at <paramref name="offset"/> in <paramref name="pixels"/>.</summary>
    public static Image<Rgb24> Render(byte[] pixels, int offset, Random random)
    {
        int width = random.Next(100, 301), height = random.Next(100, 301);
        int side = (int)(Math.Min(width, height) * (0.45 + 0.4 * random.NextDouble()));
        int left = random.Next(0, width - side + 1), top = random.Next(0, height - side + 1);

        // The digit enlarged smoothly, as a pen stroke would look at that size.
        using var digit = Image.LoadPixelData<L8>(pixels.AsSpan(offset, MnistSet.PixelsPerImage), MnistSet.Side, MnistSet.Side);
        digit.Mutate(x => x.Resize(side, side, KnownResamplers.Bicubic));
        var ink = new float[side * side];
        digit.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < side; y++)
            {
                Span<L8> row = rows.GetRowSpan(y);
                for (int x = 0; x < side; x++) ink[y * side + x] = row[x].PackedValue / 255f;
            }
        });

        Rgb24 paper = new((byte)random.Next(200, 251), (byte)random.Next(195, 251), (byte)random.Next(185, 246));
        Rgb24 pen = Inks[random.Next(Inks.Length)];
        double light = 0.8 + 0.2 * random.NextDouble(), angle = 2 * Math.PI * random.NextDouble();
        double noise = 2 + 6 * random.NextDouble();
        var photo = new Image<Rgb24>(width, height);
        photo.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                Span<Rgb24> row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                {
                    int dx = x - left, dy = y - top;
                    float a = dx >= 0 && dy >= 0 && dx < side && dy < side ? ink[dy * side + dx] : 0;
                    // Light falls off across the page in one direction: from 1 to `light`.
                    double along = ((x - width / 2.0) * Math.Cos(angle) + (y - height / 2.0) * Math.Sin(angle)) / Math.Max(width, height) + 0.5;
                    double shade = 1 - (1 - light) * along;
                    row[x] = new Rgb24(
                        Channel(paper.R, pen.R, a, shade, noise, random),
                        Channel(paper.G, pen.G, a, shade, noise, random),
                        Channel(paper.B, pen.B, a, shade, noise, random));
                }
            }
        });
        float blur = (float)(0.3 + 0.9 * random.NextDouble());
        photo.Mutate(x => x.GaussianBlur(blur));
        return photo;
    }

    /// <summary>The photo as a file: PNG, or JPEG at a quality between 55 and 90.</summary>
    public static byte[] Encode(Image<Rgb24> photo, bool jpeg, Random random)
    {
        using var file = new MemoryStream();
        if (jpeg) photo.Save(file, new JpegEncoder { Quality = random.Next(55, 91) });
        else photo.Save(file, new PngEncoder());
        return file.ToArray();
    }

    private static byte Channel(byte paper, byte pen, float ink, double shade, double noise, Random random)
    {
        double value = (paper * (1 - ink) + pen * ink) * shade + noise * Gaussian(random);
        return (byte)Math.Clamp(Math.Round(value), 0, 255);
    }

    private static double Gaussian(Random random)
    {
        double u = 1 - random.NextDouble(), v = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }
}
