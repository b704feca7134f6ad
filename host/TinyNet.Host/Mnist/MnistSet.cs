namespace TinyNet.Host.Mnist;

/// <summary>
/// MNIST-shaped samples held as the raw bytes of the IDX files: <see cref="Pixels"/> is
/// count × 784 (row-major 28×28 images, 0 = background, 255 = ink) and <see cref="Labels"/> one
/// digit 0–9 per image.
/// </summary>
public sealed class MnistSet
{
    /// <summary>Image height and width in pixels.</summary>
    public const int Side = 28;

    /// <summary>Pixels per image (the network's inputs).</summary>
    public const int PixelsPerImage = Side * Side;

    /// <summary>Number of classes (digits 0–9).</summary>
    public const int Classes = 10;

    public MnistSet(byte[] pixels, byte[] labels)
    {
        if (pixels.Length != labels.Length * PixelsPerImage)
            throw new ArgumentException($"{pixels.Length} pixel bytes do not make {labels.Length} images of {PixelsPerImage} pixels");
        Pixels = pixels;
        Labels = labels;
    }

    /// <summary>count × 784 pixel bytes.</summary>
    public byte[] Pixels { get; }

    /// <summary>One class (0–9) per image.</summary>
    public byte[] Labels { get; }

    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;

    /// <summary>The first <paramref name="count"/> samples (all of them when count ≥ <see cref="Count"/>).</summary>
    public MnistSet Take(int count)
    {
        if (count >= Count) return this;
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        return new MnistSet(Pixels.AsSpan(0, count * PixelsPerImage).ToArray(), Labels.AsSpan(0, count).ToArray());
    }
}
