using TinyNet.Host.Mnist;
using TinyNet.Numerics;

namespace TinyNet.Host.Images;

/// <summary>
/// Redraws 28×28 digits in another "handwriting": thicker strokes, a forward slant and a smaller
/// size, each drawn per digit from a seed (the same seed gives the same bytes). The demonstration
/// set for on-board fine-tuning: a model trained on MNIST does worse on it.
/// </summary>
/// <remarks>
/// The preparation every image folder goes through (crop to the ink, scale into 20×20) undoes the
/// smaller size, so what a model sees is the thicker, slanted pen; the size still changes the
/// files a user looks at.
/// </remarks>
public static class HandwritingStyle
{
    /// <summary>Restyles every image of <paramref name="source"/> (labels kept).</summary>
    public static MnistSet Restyle(MnistSet source, uint seed)
    {
        var pixels = new byte[source.Pixels.Length];
        var random = new Prng(seed);
        for (int n = 0; n < source.Count; n++)
            Restyle(source.Pixels, n * MnistSet.PixelsPerImage, pixels, n * MnistSet.PixelsPerImage, random);
        return new MnistSet(pixels, (byte[])source.Labels.Clone());
    }

    /// <summary>Restyles one 28×28 image; draws its slant, pen and size from <paramref name="random"/>.</summary>
    public static void Restyle(byte[] source, int sourceOffset, byte[] target, int targetOffset, Prng random)
    {
        const int side = MnistSet.Side;
        float slant = 0.35f + 0.2f * random.NextFloat();          // x shifts right by this per row going up
        float scale = 0.7f + 0.1f * random.NextFloat();           // the digit's size relative to MNIST's
        int pen = 1 + random.NextInt(2);                          // extra stroke radius in pixels: 1 or 2

        // Thicker: each pixel takes the brightest value within the pen's radius (a grey dilation).
        var thick = new byte[MnistSet.PixelsPerImage];
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                int best = 0;
                for (int dy = -pen; dy <= pen; dy++)
                    for (int dx = -pen; dx <= pen; dx++)
                    {
                        int sx = x + dx, sy = y + dy;
                        if (dx * dx + dy * dy > pen * pen + 1 || sx < 0 || sy < 0 || sx >= side || sy >= side) continue;
                        best = Math.Max(best, source[sourceOffset + sy * side + sx]);
                    }
                thick[y * side + x] = (byte)best;
            }

        // Slanted and smaller: each target pixel samples the thick image at the inverse of
        // (shrink about the centre, then shear), bilinearly.
        const float centre = (side - 1) / 2f;
        for (int y = 0; y < side; y++)
            for (int x = 0; x < side; x++)
            {
                float ty = (y - centre) / scale;
                float tx = (x - centre) / scale + slant * ty;   // undo the shear: rows above the centre lean right
                target[targetOffset + y * side + x] = Sample(thick, tx + centre, ty + centre);
            }
    }

    private static byte Sample(byte[] image, float x, float y)
    {
        const int side = MnistSet.Side;
        int x0 = (int)MathF.Floor(x), y0 = (int)MathF.Floor(y);
        float fx = x - x0, fy = y - y0;
        float value = (1 - fx) * (1 - fy) * At(image, x0, y0) + fx * (1 - fy) * At(image, x0 + 1, y0)
                      + (1 - fx) * fy * At(image, x0, y0 + 1) + fx * fy * At(image, x0 + 1, y0 + 1);
        return (byte)Math.Clamp((int)(value + 0.5f), 0, 255);

        static float At(byte[] image, int x, int y) => x < 0 || y < 0 || x >= side || y >= side ? 0f : image[y * side + x];
    }
}
