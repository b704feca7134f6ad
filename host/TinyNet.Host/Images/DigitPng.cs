using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using TinyNet.Host.Files;
using TinyNet.Host.Mnist;

namespace TinyNet.Host.Images;

/// <summary>Writes a prepared 28×28 input as an 8-bit grayscale PNG, so a user can see what the model was given.</summary>
public static class DigitPng
{
    /// <summary>Writes all or nothing (temporary file, then rename).</summary>
    public static void Save(byte[] pixels, string path)
    {
        if (pixels.Length != MnistSet.PixelsPerImage) throw new ArgumentException($"a digit is {MnistSet.PixelsPerImage} pixels, not {pixels.Length}", nameof(pixels));
        if (Directory.Exists(path)) throw new UserError($"{path} is a folder; give a file name such as {Path.Combine(path, "input.png")}", 2);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null && !Directory.Exists(folder)) throw new UserError($"cannot write {path}: the folder {folder} does not exist", 2);
        AtomicFile.Write(path, temp =>
        {
            using var image = Image.LoadPixelData<L8>(pixels, MnistSet.Side, MnistSet.Side);
            image.SaveAsPng(temp);
        }, e => $"cannot write {path}: {e.Message}");
    }
}
