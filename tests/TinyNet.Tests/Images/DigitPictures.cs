using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Tiff;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace TinyNet.Tests.Images;

/// <summary>
/// Test pictures of a digit 7 (a bar and a slanted stroke) of any size, either polarity, in colour,
/// written in every format and colour type the reader must take.
/// </summary>
public static class DigitPictures
{
    /// <summary>Each way a picture can be stored: a name, the pixel type it is drawn in, the encoder.</summary>
    public static readonly (string Name, Func<Image<Rgba32>, Image> Convert, IImageEncoder Encoder)[] Kinds =
    [
        ("PNG gray 8-bit", i => i.CloneAs<L8>(), new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit8 }),
        ("PNG gray 16-bit", i => i.CloneAs<L16>(), new PngEncoder { ColorType = PngColorType.Grayscale, BitDepth = PngBitDepth.Bit16 }),
        ("PNG gray+alpha", i => i.CloneAs<La16>(), new PngEncoder { ColorType = PngColorType.GrayscaleWithAlpha, BitDepth = PngBitDepth.Bit8 }),
        ("PNG RGB", i => i.CloneAs<Rgb24>(), new PngEncoder { ColorType = PngColorType.Rgb }),
        ("PNG RGB 16-bit", i => i.CloneAs<Rgb48>(), new PngEncoder { ColorType = PngColorType.Rgb, BitDepth = PngBitDepth.Bit16 }),
        ("PNG RGBA", i => i.Clone(), new PngEncoder { ColorType = PngColorType.RgbWithAlpha }),
        ("PNG RGBA transparent background", Transparent, new PngEncoder { ColorType = PngColorType.RgbWithAlpha }),
        ("PNG palette", i => i.Clone(), new PngEncoder { ColorType = PngColorType.Palette }),
        ("PNG interlaced", i => i.Clone(), new PngEncoder { ColorType = PngColorType.Rgb, InterlaceMethod = PngInterlaceMode.Adam7 }),
        ("JPEG colour", i => i.CloneAs<Rgb24>(), new JpegEncoder { Quality = 85 }),
        ("JPEG gray", i => i.CloneAs<L8>(), new JpegEncoder { Quality = 85, ColorType = JpegColorType.Luminance }),
        ("BMP 24-bit", i => i.CloneAs<Rgb24>(), new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel24 }),
        ("BMP 32-bit", i => i.Clone(), new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel32 }),
        ("BMP 8-bit palette", i => i.Clone(), new BmpEncoder { BitsPerPixel = BmpBitsPerPixel.Pixel8 }),
        ("GIF", i => i.Clone(), new GifEncoder()),
        ("TIFF RGB", i => i.CloneAs<Rgb24>(), new TiffEncoder { BitsPerPixel = TiffBitsPerPixel.Bit24 }),
        ("TIFF gray", i => i.CloneAs<L8>(), new TiffEncoder { BitsPerPixel = TiffBitsPerPixel.Bit8 }),
        ("WebP lossless", i => i.Clone(), new WebpEncoder { FileFormat = WebpFileFormatType.Lossless }),
        ("WebP lossy", i => i.Clone(), new WebpEncoder { FileFormat = WebpFileFormatType.Lossy, Quality = 85 }),
    ];

    /// <summary>The 7 in a <paramref name="width"/>×<paramref name="height"/> picture: blue ink on cream paper, or yellow ink on dark blue.</summary>
    public static Image<Rgba32> Seven(int width, int height, bool darkOnLight)
    {
        Rgba32 paper = darkOnLight ? new Rgba32(240, 232, 205) : new Rgba32(20, 22, 60);
        Rgba32 ink = darkOnLight ? new Rgba32(30, 40, 140) : new Rgba32(250, 240, 120);
        // The digit fills 60 % of the short side, off centre, so cropping and centring both have work to do.
        double side = 0.6 * Math.Min(width, height), left = 0.3 * (width - side), top = 0.25 * (height - side);
        var image = new Image<Rgba32>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                // 4×4 samples per pixel, so the stroke's edges are anti-aliased like a scan.
                int hits = 0;
                for (int sy = 0; sy < 4; sy++)
                    for (int sx = 0; sx < 4; sx++)
                    {
                        double u = (x + (sx + 0.5) / 4 - left) / side, v = (y + (sy + 0.5) / 4 - top) / side;
                        if (OnSeven(u, v)) hits++;
                    }
                float a = hits / 16f;
                image[x, y] = new Rgba32(Mix(paper.R, ink.R, a), Mix(paper.G, ink.G, a), Mix(paper.B, ink.B, a), 255);
            }
        return image;
    }

    /// <summary>The picture stored as <paramref name="kind"/> (an entry of <see cref="Kinds"/>).</summary>
    public static byte[] Encode(Image<Rgba32> picture, string kind)
    {
        var (_, convert, encoder) = Array.Find(Kinds, k => k.Name == kind);
        using Image converted = convert(picture);
        using var file = new MemoryStream();
        converted.Save(file, encoder);
        return file.ToArray();
    }

    // A bar across the top and a stroke from its right end down to the lower middle, 0.12 thick.
    private static bool OnSeven(double u, double v) =>
        DistanceToSegment(u, v, 0.15, 0.1, 0.85, 0.1) < 0.06 || DistanceToSegment(u, v, 0.85, 0.1, 0.4, 0.95) < 0.06;

    private static double DistanceToSegment(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        double t = Math.Clamp(((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy), 0, 1);
        return Math.Sqrt(Math.Pow(px - ax - t * dx, 2) + Math.Pow(py - ay - t * dy, 2));
    }

    private static byte Mix(byte paper, byte ink, float a) => (byte)Math.Round(paper * (1 - a) + ink * a);

    // The paper made fully transparent (stored as transparent black), only the ink opaque.
    private static Image Transparent(Image<Rgba32> picture)
    {
        Image<Rgba32> copy = picture.Clone();
        Rgba32 paper = picture[0, 0];
        for (int y = 0; y < copy.Height; y++)
            for (int x = 0; x < copy.Width; x++)
            {
                Rgba32 p = copy[x, y];
                int distance = Math.Abs(p.R - paper.R) + Math.Abs(p.G - paper.G) + Math.Abs(p.B - paper.B);
                if (distance < 30) copy[x, y] = new Rgba32(0, 0, 0, 0);
            }
        return copy;
    }
}
