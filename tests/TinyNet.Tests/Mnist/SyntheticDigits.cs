using TinyNet.Host.Mnist;

namespace TinyNet.Tests.Mnist;

/// <summary>
/// A generated stand-in for MNIST (no download): each class c is a bright horizontal bar at a
/// class-specific height plus a vertical bar at a class-specific column, jittered by a pixel (never onto a neighbour class's place) and
/// sprinkled with noise, on a zero background like real digits. Learnable, but not trivially.
/// </summary>
internal static class SyntheticDigits
{
    public static MnistSet Create(int count, int seed)
    {
        var rnd = new Random(seed);
        var pixels = new byte[count * MnistSet.PixelsPerImage];
        var labels = new byte[count];
        for (int i = 0; i < count; i++)
        {
            int label = rnd.Next(MnistSet.Classes);
            labels[i] = (byte)label;
            int offset = i * MnistSet.PixelsPerImage;
            int row = 3 + 2 * label + rnd.Next(0, 2);
            int col = 24 - 2 * label - rnd.Next(0, 2);
            for (int c = 4; c < 24; c++) pixels[offset + row * 28 + c] = (byte)rnd.Next(150, 256);
            for (int r = 4; r < 24; r++) pixels[offset + r * 28 + col] = (byte)rnd.Next(150, 256);
            for (int n = 0; n < 30; n++) pixels[offset + rnd.Next(MnistSet.PixelsPerImage)] = (byte)rnd.Next(0, 256);
        }
        return new MnistSet(pixels, labels);
    }
}
