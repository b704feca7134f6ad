using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.PixelFormats;
using TinyNet.Host;
using TinyNet.Host.Images;

namespace TinyNet.Tests.Images;

/// <summary>The picture reader behind <c>tinynet predict --image</c> and image folders (ImageSharp underneath).</summary>
public class ImageFileTests
{
    [Fact]
    public void Reads_every_png_row_filter_to_the_exact_gray_values()
    {
        // 3×5 image written by hand, one row per filter type 0-4; the raw bytes are chosen so each decodes to 10·y + x.
        int width = 3, height = 5;
        var expected = new byte[width * height];
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) expected[y * width + x] = (byte)(10 * y + x);
        var rows = new List<byte>();
        for (int y = 0; y < height; y++)
        {
            rows.Add((byte)y);
            for (int x = 0; x < width; x++)
            {
                int value = expected[y * width + x];
                int left = x > 0 ? expected[y * width + x - 1] : 0, up = y > 0 ? expected[(y - 1) * width + x] : 0;
                int upLeft = x > 0 && y > 0 ? expected[(y - 1) * width + x - 1] : 0;
                int p = left + up - upLeft;
                int paeth = Math.Abs(p - left) <= Math.Abs(p - up) && Math.Abs(p - left) <= Math.Abs(p - upLeft) ? left : Math.Abs(p - up) <= Math.Abs(p - upLeft) ? up : upLeft;
                int predictor = y switch { 0 => 0, 1 => left, 2 => up, 3 => (left + up) / 2, _ => paeth };
                rows.Add((byte)(value - predictor));
            }
        }
        GrayImage image = ImageFile.Decode(PngWriter.Gray(width, height, [.. rows]), "digit.png");
        Assert.Equal((width, height, "PNG"), (image.Width, image.Height, image.Format));
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void Colour_becomes_luminance_and_16_bit_gray_keeps_its_level()
    {
        using var colour = new Image<Rgb24>(2, 1);
        colour[0, 0] = new Rgb24(255, 0, 0);
        colour[1, 0] = new Rgb24(0, 0, 255);
        Assert.Equal([76, 29], ImageFile.Decode(Encode(colour, new PngEncoder()), "c.png").Pixels);

        using var deep = new Image<L16>(1, 1);
        deep[0, 0] = new L16(0x8080);
        Assert.Equal([128], ImageFile.Decode(Encode(deep, new PngEncoder { BitDepth = PngBitDepth.Bit16, ColorType = PngColorType.Grayscale }), "d.png").Pixels);
    }

    [Theory]
    [InlineData(0, 0, 0, 255)]       // black ink on a transparent canvas stored as transparent black: laid over white
    [InlineData(255, 255, 255, 0)]   // white ink on a transparent canvas stored as transparent white: laid over black
    public void Transparent_pixels_go_on_the_background_that_contrasts_with_the_ink(byte ink, byte r, byte g, byte expectedBackground)
    {
        using var picture = new Image<Rgba32>(3, 1);
        picture[0, 0] = new Rgba32(r, g, r, 0);
        picture[1, 0] = new Rgba32(ink, ink, ink, 255);
        picture[2, 0] = new Rgba32(r, g, r, 0);
        byte[] pixels = ImageFile.Decode(Encode(picture, new PngEncoder { ColorType = PngColorType.RgbWithAlpha }), "t.png").Pixels;
        Assert.Equal([expectedBackground, ink, expectedBackground], pixels);
    }

    [Theory]
    [InlineData("not an image", "it is not an image file TinyNet reads (PNG, JPEG, BMP, GIF, TIFF or WebP)")]
    [InlineData("empty", "it is not an image file TinyNet reads")]
    [InlineData("truncated png", "truncated")]
    [InlineData("gif header only", "truncated")]
    public void Refuses_what_it_cannot_read_with_the_reason(string damage, string message)
    {
        byte[] rows = new byte[29 * 28];
        byte[] file = damage switch
        {
            "not an image" => "hello, this is a text file\n"u8.ToArray(),
            "empty" => [],
            "gif header only" => "GIF89a......"u8.ToArray(),
            _ => PngWriter.Gray(28, 28, rows)[..40],
        };
        var e = Assert.Throws<UserError>(() => ImageFile.Decode(file, "digit.png"));
        Assert.StartsWith("digit.png cannot be read as an image: ", e.Message);
        Assert.Contains(message, e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void A_missing_file_and_a_folder_are_refused_by_name()
    {
        string folder = Directory.CreateTempSubdirectory("tinynet-image").FullName;
        try
        {
            string missing = Path.Combine(folder, "none.png");
            Assert.Equal($"{missing} does not exist", Assert.Throws<UserError>(() => ImageFile.Read(missing)).Message);
            Assert.StartsWith($"{folder} is a folder; give an image file", Assert.Throws<UserError>(() => ImageFile.Read(folder)).Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    internal static byte[] Encode(Image image, SixLabors.ImageSharp.Formats.IImageEncoder encoder)
    {
        using var file = new MemoryStream();
        image.Save(file, encoder);
        return file.ToArray();
    }
}
