using TinyNet.Host.Mnist;

namespace TinyNet.Host.Images;

/// <summary>
/// Turns a picture of one handwritten digit into a 28×28 input the way MNIST was made (LeCun et
/// al.: the digit "normalized to fit in a 20×20 pixel box while preserving its aspect ratio", with
/// anti-aliasing, then "centered in a 28×28 image by computing the center of mass"):
/// grayscale; invert when the background is light (so the ink is white on black); crop to the
/// ink; shrink (or grow) into 20×20 by area averaging; place it so its centre of mass is the
/// field's centre. A picture without ink is refused ("no digit found") instead of being classified.
/// </summary>
public static class DigitPreparation
{
    /// <summary>MNIST's box for the digit itself inside the 28×28 field.</summary>
    public const int BoxSide = 20;

    /// <summary>
    /// Ink must differ from the background by at least this many of 255 levels (after a 3×3
    /// average, so one stray pixel does not count); below it the picture is "no digit found".
    /// </summary>
    public const int MinContrast = 40;

    /// <summary>When more than this fraction of the picture's edge is ink, there is no plain background to find a digit on.</summary>
    public const double MaxInkOnEdge = 0.15;

    /// <summary>An ink blob smaller than this both ways (or than 1/50 of the picture's short side) is a speck, not part of a digit.</summary>
    public const int MinDigitPixels = 4;

    // A pixel belongs to the ink when its 3×3 average is at least this fraction of the strongest ink.
    private const float InkThreshold = 0.5f;

    // Ink blobs smaller than this fraction of the largest are specks (dust, JPEG noise), not strokes.
    private const double SpeckFraction = 0.1;

    // Below this fraction of the strongest ink a pixel is paper texture and becomes exactly 0, like MNIST's background.
    private const float BackgroundFloor = 0.15f;

    /// <summary>
    /// Prepares <paramref name="image"/>; <paramref name="name"/> (usually the file) is used in messages.
    /// Throws a <see cref="UserError"/> "no digit found in …" when there is no ink to read.
    /// </summary>
    public static PreparedDigit Prepare(GrayImage image, string name)
    {
        int width = image.Width, height = image.Height;

        // 1. Polarity from the edge: the digit rarely touches it, so the edge is the background.
        int edgeLevel = EdgeMedian(image);
        bool invert = edgeLevel >= 128;
        int background = invert ? 255 - edgeLevel : edgeLevel;
        var ink = new float[width * height];
        for (int i = 0; i < ink.Length; i++)
        {
            int v = invert ? 255 - image.Pixels[i] : image.Pixels[i];
            ink[i] = Math.Max(0, v - background);
        }

        // 2. Where the ink is: a 3×3 average hides single noisy pixels, strokes keep their strength.
        float[] smooth = BoxAverage3(ink, width, height);
        float strongest = 0;
        foreach (float s in smooth) strongest = Math.Max(strongest, s);
        if (strongest < MinContrast)
            throw new UserError($"no digit found in {name}: nothing in it stands out from the background by {MinContrast} of 255 gray levels (strongest {strongest:F0}); is it blank or too faint?");
        var mask = new bool[ink.Length];
        for (int i = 0; i < mask.Length; i++) mask[i] = smooth[i] >= InkThreshold * strongest;
        CheckPlainBackground(mask, width, height, name);
        // A digit is at least a few pixels (and 1/50 of the picture) tall or wide; smaller ink is dust.
        int smallest = Math.Max(MinDigitPixels, Math.Min(width, height) / 50);
        CropBox crop = InkBox(mask, width, height, smallest)
            ?? throw new UserError($"no digit found in {name}: the only ink is specks smaller than {smallest} pixels; is it blank or dusty?");

        // 3. The crop as floats 0..1, paper texture cut to exactly 0.
        var cropped = new float[crop.Width * crop.Height];
        float floor = BackgroundFloor * strongest;
        for (int y = 0; y < crop.Height; y++)
            for (int x = 0; x < crop.Width; x++)
            {
                int i = (crop.Y + y) * width + crop.X + x;
                cropped[y * crop.Width + x] = smooth[i] < floor ? 0 : Math.Min(1f, ink[i] / strongest);
            }

        // 4. Into the 20×20 box, aspect ratio kept, by area averaging (MNIST's anti-aliasing).
        double scale = (double)BoxSide / Math.Max(crop.Width, crop.Height);
        int scaledWidth = Math.Clamp((int)Math.Round(crop.Width * scale), 1, BoxSide);
        int scaledHeight = Math.Clamp((int)Math.Round(crop.Height * scale), 1, BoxSide);
        float[] scaled = AreaResample.Resize(cropped, crop.Width, crop.Height, scaledWidth, scaledHeight);
        // MNIST's strongest ink is 255; a thin pen stroke averaged down would otherwise stay gray.
        float peak = 0;
        foreach (float v in scaled) peak = Math.Max(peak, v);

        // 5. Centre of mass to the centre of the 28×28 field (whole-pixel shift, as MNIST did).
        double mass = 0, sumX = 0, sumY = 0;
        for (int y = 0; y < scaledHeight; y++)
            for (int x = 0; x < scaledWidth; x++)
            {
                float v = scaled[y * scaledWidth + x];
                mass += v;
                sumX += v * (x + 0.5);
                sumY += v * (y + 0.5);
            }
        double centre = MnistSet.Side / 2.0;
        int left = Math.Clamp((int)Math.Round(centre - sumX / mass), 0, MnistSet.Side - scaledWidth);
        int top = Math.Clamp((int)Math.Round(centre - sumY / mass), 0, MnistSet.Side - scaledHeight);
        var pixels = new byte[MnistSet.PixelsPerImage];
        for (int y = 0; y < scaledHeight; y++)
            for (int x = 0; x < scaledWidth; x++)
                pixels[(top + y) * MnistSet.Side + left + x] = (byte)Math.Round(255 * scaled[y * scaledWidth + x] / peak);
        return new PreparedDigit(pixels, image, invert, crop, scale, scaledWidth, scaledHeight, left, top);
    }

    /// <summary>Median luminance of the picture's outermost ring of pixels.</summary>
    private static int EdgeMedian(GrayImage image)
    {
        var counts = new int[256];
        int total = 0;
        void Count(int x, int y) { counts[image.At(x, y)]++; total++; }
        for (int x = 0; x < image.Width; x++)
        {
            Count(x, 0);
            if (image.Height > 1) Count(x, image.Height - 1);
        }
        for (int y = 1; y < image.Height - 1; y++)
        {
            Count(0, y);
            if (image.Width > 1) Count(image.Width - 1, y);
        }
        int seen = 0;
        for (int level = 0; level < 256; level++)
        {
            seen += counts[level];
            if (2 * seen >= total) return level;
        }
        return 255;
    }

    /// <summary>Each pixel's mean over its 3×3 neighbourhood (clipped at the picture's edge).</summary>
    private static float[] BoxAverage3(float[] values, int width, int height)
    {
        var result = new float[values.Length];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float sum = 0;
                int n = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    int yy = y + dy;
                    if (yy < 0 || yy >= height) continue;
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int xx = x + dx;
                        if (xx < 0 || xx >= width) continue;
                        sum += values[yy * width + xx];
                        n++;
                    }
                }
                result[y * width + x] = sum / n;
            }
        return result;
    }

    // Noise all over (or a photo whose paper does not fill the frame) leaves no plain edge.
    private static void CheckPlainBackground(bool[] mask, int width, int height, string name)
    {
        int onEdge = 0, edge = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                if (x != 0 && y != 0 && x != width - 1 && y != height - 1) continue;
                edge++;
                if (mask[y * width + x]) onEdge++;
            }
        double fraction = (double)onEdge / edge;
        if (fraction > MaxInkOnEdge)
            throw new UserError($"no digit found in {name}: {fraction:P0} of its edge is as dark or light as ink, so there is no plain background around a digit; crop the picture to the digit on plain paper");
    }

    /// <summary>
    /// The bounding box of the ink's blobs, leaving out specks: blobs far smaller than the largest,
    /// or smaller than <paramref name="smallest"/> pixels both ways. Null when only specks are left.
    /// </summary>
    private static CropBox? InkBox(bool[] mask, int width, int height, int smallest)
    {
        int[] blob = InkBlobs.Label(mask, width, height, out int[] sizes);
        int count = sizes.Length, largest = 0;
        foreach (int size in sizes) largest = Math.Max(largest, size);
        var boxes = new int[count * 4];   // minX, minY, maxX, maxY per blob
        for (int b = 0; b < count; b++) { boxes[4 * b] = width; boxes[4 * b + 1] = height; boxes[4 * b + 2] = -1; boxes[4 * b + 3] = -1; }
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int b = blob[y * width + x];
                if (b < 0) continue;
                boxes[4 * b] = Math.Min(boxes[4 * b], x); boxes[4 * b + 1] = Math.Min(boxes[4 * b + 1], y);
                boxes[4 * b + 2] = Math.Max(boxes[4 * b + 2], x); boxes[4 * b + 3] = Math.Max(boxes[4 * b + 3], y);
            }
        int minX = width, minY = height, maxX = -1, maxY = -1;
        for (int b = 0; b < count; b++)
        {
            int blobWidth = boxes[4 * b + 2] - boxes[4 * b] + 1, blobHeight = boxes[4 * b + 3] - boxes[4 * b + 1] + 1;
            // The 3×3 average spreads every blob by a pixel on each side: take that off before judging its size.
            if (sizes[b] < SpeckFraction * largest || Math.Max(blobWidth, blobHeight) - 2 < smallest) continue;
            minX = Math.Min(minX, boxes[4 * b]); minY = Math.Min(minY, boxes[4 * b + 1]);
            maxX = Math.Max(maxX, boxes[4 * b + 2]); maxY = Math.Max(maxY, boxes[4 * b + 3]);
        }
        return maxX < 0 ? null : new CropBox(minX, minY, maxX - minX + 1, maxY - minY + 1);
    }
}
