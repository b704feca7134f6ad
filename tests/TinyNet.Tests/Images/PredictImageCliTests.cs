using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Images;

/// <summary><c>tinynet predict --image</c> as a user runs it, for the answers that come before any board is needed.</summary>
public class PredictImageCliTests
{
    [Theory]
    [InlineData("blank white", "no digit found in")]
    [InlineData("noise only", "no digit found in")]
    [InlineData("text file", "cannot be read as an image: it is not an image file TinyNet reads")]
    public void A_picture_without_a_digit_is_one_line_and_exit_1(string what, string message)
    {
        using var dir = new TempFolder();
        var random = new Random(3);
        byte[] file = what switch
        {
            "blank white" => Gray(200, 150, (_, _) => 255),
            "noise only" => Gray(120, 120, (_, _) => (byte)(200 + random.Next(-15, 16))),
            _ => "7\n"u8.ToArray(),
        };
        string path = dir.Write("digit.png", file);
        var result = CliProcess.Run("predict", "--image", path, "--save-input", dir.File("sent.png"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"tinynet: ", Assert.Single(result.ErrorLines));
        Assert.Contains(message, result.Error);
        Assert.Contains(path, result.Error);
        Assert.False(File.Exists(dir.File("sent.png")), "nothing is written for a picture without a digit");
    }

    [Fact]
    public void Save_input_goes_with_image_not_with_compare_and_help_shows_no_minus_one()
    {
        var result = CliProcess.Run("predict", "--compare", "5", "--save-input", "x.png");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--save-input goes with --image or --mnist-index, not --compare", result.Error);

        var help = CliProcess.Run("predict", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--save-input", help.Output);
        Assert.Contains("JPEG", help.Output);
        Assert.DoesNotContain("[default: -1]", help.Output);
    }

    // An 8-bit grayscale PNG (filter 0 on every row) from a pixel function.
    private static byte[] Gray(int width, int height, Func<int, int, byte> pixel)
    {
        var rows = new byte[(width + 1) * height];
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) rows[y * (width + 1) + 1 + x] = pixel(x, y);
        return PngWriter.Gray(width, height, rows);
    }
}
