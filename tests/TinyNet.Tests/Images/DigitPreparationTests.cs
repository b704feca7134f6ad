using SixLabors.ImageSharp.PixelFormats;
using TinyNet.Host;
using TinyNet.Host.Images;
using TinyNet.Host.Mnist;

namespace TinyNet.Tests.Images;

/// <summary>The MNIST-style preparation of a picture: polarity, crop, 20×20 box, centre of mass, "no digit found".</summary>
public class DigitPreparationTests
{
    public static TheoryData<string, bool, int, int> EveryKindPolarityAndSize()
    {
        var data = new TheoryData<string, bool, int, int>();
        foreach (var kind in DigitPictures.Kinds)
            foreach (bool darkOnLight in new[] { true, false })
                foreach (var (width, height) in new[] { (28, 28), (120, 120), (300, 200) })
                    data.Add(kind.Name, darkOnLight, width, height);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindPolarityAndSize))]
    public void Every_format_colour_type_polarity_and_size_gives_an_mnist_style_digit(string kind, bool darkOnLight, int width, int height)
    {
        using var picture = DigitPictures.Seven(width, height, darkOnLight);
        PreparedDigit digit = DigitPreparation.Prepare(ImageFile.Decode(DigitPictures.Encode(picture, kind), "seven"), "seven");

        Assert.Equal(darkOnLight, digit.Inverted);
        AssertMnistShaped(digit);
        // The crop is the 7's box: 60 % of the short side, starting at 30 % / 25 % of the free space (± the anti-aliased edge).
        double side = 0.6 * Math.Min(width, height);
        Assert.InRange(digit.Crop.X, 0.3 * (width - side) + 0.09 * side - 2, 0.3 * (width - side) + 0.09 * side + 2);
        Assert.InRange(digit.Crop.Height, 0.97 * side - 3, 0.97 * side + 3);

        // Whatever the storage, the 28×28 is close to the one from a plain gray PNG of the same picture.
        using var reference = DigitPictures.Seven(width, height, darkOnLight);
        byte[] expected = DigitPreparation.Prepare(ImageFile.Decode(DigitPictures.Encode(reference, "PNG gray 8-bit"), "ref"), "ref").Pixels;
        // (28×28 pictures lose more to lossy storage and to the transparent canvas's cut-out edges.)
        Assert.True(MeanDifference(expected, digit.Pixels) < (width == 28 ? 16 : 12), $"{kind}: mean difference {MeanDifference(expected, digit.Pixels):F1} from the gray PNG");
    }

    [Fact]
    public void Small_and_large_pictures_of_the_same_digit_give_nearly_the_same_input()
    {
        byte[] small = Prepare(DigitPictures.Seven(28, 28, darkOnLight: false)).Pixels;
        byte[] large = Prepare(DigitPictures.Seven(600, 400, darkOnLight: true)).Pixels;
        Assert.True(MeanDifference(small, large) < 15, $"mean difference {MeanDifference(small, large):F1}");
    }

    [Fact]
    public void The_aspect_ratio_is_kept_and_the_long_side_fills_20_pixels()
    {
        // A tall dark bar 12×60 on white: 20 high, 4 wide once scaled (×1/3).
        var image = Blank(100, 100, 255);
        for (int y = 20; y < 80; y++) for (int x = 44; x < 56; x++) image.Pixels[y * 100 + x] = 0;
        PreparedDigit digit = DigitPreparation.Prepare(image, "bar");
        Assert.True(digit.Inverted);
        Assert.Equal(new CropBox(44, 20, 12, 60), digit.Crop);
        Assert.Equal((4, 20), (digit.ScaledWidth, digit.ScaledHeight));
        Assert.Equal(1.0 / 3, digit.Scale, 6);
        AssertMnistShaped(digit);
        Assert.Contains("light background, inverted; ink cropped to 12×60 at (44,20); scaled ×0.333 to 4×20", digit.Describe());
    }

    [Fact]
    public void Specks_away_from_the_digit_are_left_out_of_the_crop()
    {
        var image = Blank(200, 200, 250);
        for (int y = 60; y < 140; y++) for (int x = 90; x < 110; x++) image.Pixels[y * 200 + x] = 10;
        foreach (var (x, y) in new[] { (10, 10), (180, 30), (20, 170), (150, 190) })
            for (int dy = 0; dy < 2; dy++) for (int dx = 0; dx < 2; dx++) image.Pixels[(y + dy) * 200 + x + dx] = 0;
        PreparedDigit digit = DigitPreparation.Prepare(image, "specks");
        Assert.Equal(new CropBox(90, 60, 20, 80), digit.Crop);
    }

    [Theory]
    [InlineData("white", "stands out from the background")]
    [InlineData("black", "stands out from the background")]
    [InlineData("faint noise", "stands out from the background")]
    [InlineData("dust", "the only ink is specks")]
    [InlineData("noise everywhere", "no plain background")]
    public void A_picture_without_a_digit_is_no_digit_found(string what, string reason)
    {
        var random = new Random(5);
        GrayImage image = what switch
        {
            "white" => Blank(120, 90, 255),
            "black" => Blank(28, 28, 0),
            "faint noise" => Noise(200, 150, 230, 12, random),
            "noise everywhere" => Noise(100, 100, 128, 128, random),
            _ => Dust(150, 150, random),
        };
        var e = Assert.Throws<UserError>(() => DigitPreparation.Prepare(image, "pic.png"));
        Assert.StartsWith("no digit found in pic.png: ", e.Message);
        Assert.Contains(reason, e.Message);
    }

    internal static void AssertMnistShaped(PreparedDigit digit)
    {
        byte[] p = digit.Pixels;
        Assert.Equal(MnistSet.PixelsPerImage, p.Length);
        Assert.Equal(255, p.Max());
        Assert.True(Math.Max(digit.ScaledWidth, digit.ScaledHeight) == DigitPreparation.BoxSide, $"scaled to {digit.ScaledWidth}×{digit.ScaledHeight}");
        double mass = 0, cx = 0, cy = 0;
        int minX = 28, maxX = -1, minY = 28, maxY = -1;
        for (int y = 0; y < 28; y++)
            for (int x = 0; x < 28; x++)
            {
                int v = p[y * 28 + x];
                if (v == 0) continue;
                mass += v; cx += v * (x + 0.5); cy += v * (y + 0.5);
                minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); minY = Math.Min(minY, y); maxY = Math.Max(maxY, y);
            }
        // Whole-pixel placement: the centre of mass is within half a pixel of the field's centre.
        Assert.InRange(cx / mass, 13.5, 14.5);
        Assert.InRange(cy / mass, 13.5, 14.5);
        Assert.True(maxX - minX < 20 && maxY - minY < 20, "the ink stays inside a 20×20 box");
    }

    internal static double MeanDifference(byte[] a, byte[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += Math.Abs(a[i] - b[i]);
        return sum / a.Length;
    }

    private static PreparedDigit Prepare(SixLabors.ImageSharp.Image<Rgba32> picture)
    {
        using (picture) return DigitPreparation.Prepare(ImageFile.Decode(DigitPictures.Encode(picture, "PNG RGB"), "p"), "p");
    }

    private static GrayImage Blank(int width, int height, byte level)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, level);
        return new GrayImage(width, height, pixels, "test");
    }

    private static GrayImage Noise(int width, int height, int level, int amplitude, Random random)
    {
        var pixels = new byte[width * height];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Clamp(level + random.Next(-amplitude, amplitude + 1), 0, 255);
        return new GrayImage(width, height, pixels, "test");
    }

    // Black pixels scattered on white paper, two of them side by side: dust, not a digit.
    private static GrayImage Dust(int width, int height, Random random)
    {
        GrayImage image = Blank(width, height, 245);
        for (int n = 0; n < 40; n++) image.Pixels[random.Next(image.Pixels.Length)] = 0;
        image.Pixels[70 * width + 70] = image.Pixels[70 * width + 71] = 0;
        return image;
    }
}
