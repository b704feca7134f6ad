namespace TinyNet.Host.Images;

/// <summary>
/// Resizes a grayscale float image by area averaging: each output pixel is the mean of the source
/// area it covers, partial pixels weighted by the part covered. Shrinking a large photo this way
/// keeps every stroke (no pixel is skipped) and gives the soft edges MNIST's anti-aliasing gave.
/// </summary>
internal static class AreaResample
{
    public static float[] Resize(float[] source, int width, int height, int newWidth, int newHeight)
    {
        float[,] across = Weights(width, newWidth), down = Weights(height, newHeight);
        // Rows first (height × newWidth), then columns.
        var rows = new float[height * newWidth];
        for (int y = 0; y < height; y++)
            for (int ox = 0; ox < newWidth; ox++)
            {
                float sum = 0;
                for (int x = 0; x < width; x++) sum += across[ox, x] * source[y * width + x];
                rows[y * newWidth + ox] = sum;
            }
        var result = new float[newWidth * newHeight];
        for (int oy = 0; oy < newHeight; oy++)
            for (int ox = 0; ox < newWidth; ox++)
            {
                float sum = 0;
                for (int y = 0; y < height; y++) sum += down[oy, y] * rows[y * newWidth + ox];
                result[oy * newWidth + ox] = sum;
            }
        return result;
    }

    /// <summary>weights[o, s]: the share of output pixel o's span covered by source pixel s (each row sums to 1).</summary>
    private static float[,] Weights(int size, int newSize)
    {
        var weights = new float[newSize, size];
        double step = (double)size / newSize;   // source pixels per output pixel
        for (int o = 0; o < newSize; o++)
        {
            double from = o * step, to = (o + 1) * step;
            for (int s = (int)Math.Floor(from); s < size && s < to; s++)
            {
                double overlap = Math.Min(to, s + 1) - Math.Max(from, s);
                if (overlap > 0) weights[o, s] = (float)(overlap / step);
            }
        }
        return weights;
    }
}
