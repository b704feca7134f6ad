namespace TinyNet.Host.Images;

/// <summary>
/// A picture as one luminance byte per pixel (0 = black, 255 = white), row by row, before any
/// digit preparation: what <see cref="ImageFile"/> reads from any supported file.
/// </summary>
/// <param name="Width">Pixels per row.</param>
/// <param name="Height">Rows.</param>
/// <param name="Pixels">Width × Height luminance bytes, row-major.</param>
/// <param name="Format">What the file was, for messages, e.g. "PNG" or "JPEG".</param>
public sealed record GrayImage(int Width, int Height, byte[] Pixels, string Format)
{
    /// <summary>The luminance at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte At(int x, int y) => Pixels[y * Width + x];
}
