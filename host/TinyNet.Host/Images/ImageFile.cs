using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace TinyNet.Host.Images;

/// <summary>
/// Reads a picture file of any format and colour type ImageSharp decodes (PNG, JPEG, BMP, GIF,
/// TIFF, WebP, TGA, PBM; gray, palette, RGB, with or without alpha, 8 or 16 bits, interlaced) as
/// luminance. Anything it cannot read is refused with a <see cref="UserError"/> naming the file
/// and the reason.
/// </summary>
public static class ImageFile
{
    /// <summary>Larger files are refused before reading: a phone photo is well under this.</summary>
    public const long MaxFileBytes = 64L << 20;

    /// <summary>Larger pictures are refused before decoding (a 12 MP photo decodes to 48 MB of RGBA).</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The formats named in messages (ImageSharp 2.1 reads each of them).</summary>
    public const string Formats = "PNG, JPEG, BMP, GIF, TIFF or WebP";

    /// <summary>Reads and decodes <paramref name="path"/>.</summary>
    public static GrayImage Read(string path)
    {
        if (Directory.Exists(path)) throw new UserError($"{path} is a folder; give an image file ({Formats})");
        byte[] file;
        try
        {
            // Bounded read: a device file such as /dev/zero must not be read without end.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read);
            file = ReadAtMost(stream, MaxFileBytes, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserError($"{path} does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {path}: {e.Message}");
        }
        return Decode(file, path);
    }

    /// <summary>Decodes the bytes of an image file; <paramref name="name"/> is used in messages.</summary>
    public static GrayImage Decode(byte[] file, string name)
    {
        SixLabors.ImageSharp.Formats.IImageFormat? format;
        IImageInfo? info;
        try
        {
            info = Image.Identify(file, out format);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            throw Bad(name, $"its header is damaged or truncated ({e.Message.TrimEnd('.')})");
        }
        if (info == null || format == null)
            throw Bad(name, $"it is not an image file TinyNet reads ({Formats})");
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
            throw Bad(name, $"its size {info.Width}×{info.Height} is out of range (at most {MaxPixels / 1_000_000} megapixels); make it smaller");
        Image<Rgba32> image;
        try
        {
            image = Image.Load<Rgba32>(file);
        }
        catch (Exception e) when (IsDecodingFailure(e))
        {
            throw Bad(name, $"its {format.Name} data is damaged or truncated ({e.Message.TrimEnd('.')})");
        }
        using (image)
        {
            // Phone photos are often stored sideways with an EXIF note saying how to turn them.
            image.Mutate(x => x.AutoOrient());
            return new GrayImage(image.Width, image.Height, Luminance(image), format.Name);
        }
    }

    // The decoders report damaged data with several exception types; all mean the same to a user.
    private static bool IsDecodingFailure(Exception e) =>
        e is ImageFormatException or NotSupportedException or InvalidDataException or ArgumentException
            or IndexOutOfRangeException or InvalidOperationException or EndOfStreamException;

    /// <summary>
    /// Luminance (ITU-R BT.601 weights, integer arithmetic so that a gray pixel keeps its exact value).
    /// Transparent pixels are laid over the background that contrasts with the opaque ones: a dark
    /// digit drawn on a transparent canvas goes on white, a light one on black, so the ink stays visible
    /// whichever colour the transparent pixels happen to be stored with.
    /// </summary>
    private static byte[] Luminance(Image<Rgba32> image)
    {
        int width = image.Width, height = image.Height;
        var gray = new byte[width * height];
        var alpha = new byte[width * height];
        long opaqueLuminance = 0, opaqueWeight = 0;
        image.ProcessPixelRows(rows =>
        {
            for (int y = 0; y < height; y++)
            {
                Span<Rgba32> row = rows.GetRowSpan(y);
                for (int x = 0; x < width; x++)
                {
                    Rgba32 p = row[x];
                    int l = (299 * p.R + 587 * p.G + 114 * p.B + 500) / 1000;
                    gray[y * width + x] = (byte)l;
                    alpha[y * width + x] = p.A;
                    opaqueLuminance += (long)l * p.A;
                    opaqueWeight += p.A;
                }
            }
        });
        if (opaqueWeight == 255L * width * height) return gray;   // no transparency at all
        int background = opaqueWeight > 0 && opaqueLuminance / opaqueWeight < 128 ? 255 : 0;
        for (int i = 0; i < gray.Length; i++)
            gray[i] = (byte)((gray[i] * alpha[i] + background * (255 - alpha[i]) + 127) / 255);
        return gray;
    }

    private static byte[] ReadAtMost(Stream stream, long limit, string path)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > limit)
                throw new UserError($"{path} is larger than {limit >> 20} MB; an image of a digit needs far less (is it an image file?)");
        }
        return buffer.ToArray();
    }

    private static UserError Bad(string name, string problem) => new($"{name} cannot be read as an image: {problem}");
}
