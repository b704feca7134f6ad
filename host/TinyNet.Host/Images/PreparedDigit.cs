using System.Globalization;
using TinyNet.Host.Mnist;

namespace TinyNet.Host.Images;

/// <summary>
/// A picture turned into what the model reads — 28×28 bytes, white ink (255) on black (0), like
/// MNIST — together with what <see cref="DigitPreparation"/> did to get there.
/// </summary>
public sealed class PreparedDigit
{
    internal PreparedDigit(byte[] pixels, GrayImage source, bool inverted, CropBox crop, double scale, int scaledWidth, int scaledHeight, int left, int top)
    {
        Pixels = pixels;
        SourceWidth = source.Width;
        SourceHeight = source.Height;
        SourceFormat = source.Format;
        Inverted = inverted;
        Crop = crop;
        Scale = scale;
        ScaledWidth = scaledWidth;
        ScaledHeight = scaledHeight;
        Left = left;
        Top = top;
    }

    /// <summary>784 bytes, row-major 28×28, 0 = background, 255 = ink.</summary>
    public byte[] Pixels { get; }

    /// <summary>The picture's width before preparation.</summary>
    public int SourceWidth { get; }

    /// <summary>The picture's height before preparation.</summary>
    public int SourceHeight { get; }

    /// <summary>The file format the picture came in, e.g. "PNG".</summary>
    public string SourceFormat { get; }

    /// <summary>True when the background was light and the picture was inverted to white ink on black.</summary>
    public bool Inverted { get; }

    /// <summary>The ink's bounding box in the picture.</summary>
    public CropBox Crop { get; }

    /// <summary>Size factor from the crop to the digit as placed (below 1 means shrunk).</summary>
    public double Scale { get; }

    /// <summary>The digit's width in the 28×28 field (at most 20, MNIST's box).</summary>
    public int ScaledWidth { get; }

    /// <summary>The digit's height in the 28×28 field (at most 20).</summary>
    public int ScaledHeight { get; }

    /// <summary>Column of the scaled digit's left edge in the 28×28 field.</summary>
    public int Left { get; }

    /// <summary>Row of the scaled digit's top edge in the 28×28 field.</summary>
    public int Top { get; }

    /// <summary>One line for the user, e.g. "280×280 PNG; light background, inverted; ink cropped to 90×140 at (95,70); scaled ×0.143 to 13×20; centred by its centre of mass at (8,4) in 28×28".</summary>
    public string Describe()
    {
        string scale = Scale.ToString("0.###", CultureInfo.InvariantCulture);
        return $"{SourceWidth}×{SourceHeight} {SourceFormat}; "
            + (Inverted ? "light background, inverted" : "dark background, not inverted")
            + $"; ink cropped to {Crop.Width}×{Crop.Height} at ({Crop.X},{Crop.Y})"
            + $"; scaled ×{scale} to {ScaledWidth}×{ScaledHeight}"
            + $"; placed at ({Left},{Top}) in {MnistSet.Side}×{MnistSet.Side} with its centre of mass in the middle";
    }
}

/// <summary>A rectangle of a picture, in pixels.</summary>
/// <param name="X">Left column.</param>
/// <param name="Y">Top row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct CropBox(int X, int Y, int Width, int Height);
