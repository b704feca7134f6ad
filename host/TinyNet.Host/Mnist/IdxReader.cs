using System.Buffers.Binary;
using System.IO.Compression;

namespace TinyNet.Host.Mnist;

/// <summary>
/// Reads MNIST's IDX files (plain or gzip-compressed) and checks everything the header promises:
/// the magic number, the 28×28 image size, that the length matches the declared count exactly,
/// that labels are digits, and that an image file and its label file hold the same count.
/// Every failure is a <see cref="UserError"/> naming the file and what exactly is wrong.
/// </summary>
/// <remarks>
/// IDX layout (big-endian): magic (0x00000803 = 2051 for unsigned-byte 3-D data, images;
/// 0x00000801 = 2049 for 1-D, labels), then one 32-bit size per dimension, then the bytes.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned bytes with three dimensions (images).</summary>
    public const int ImagesMagic = 2051;

    /// <summary>Magic number of an IDX file of unsigned bytes with one dimension (labels).</summary>
    public const int LabelsMagic = 2049;

    private const int ImagesHeader = 16;
    private const int LabelsHeader = 8;

    // Larger than any MNIST-like file; stops a hostile .gz from inflating without bound.
    private const long MaxFileBytes = 1L << 30;

    /// <summary>Reads an image file and its label file into one checked set.</summary>
    public static MnistSet ReadSet(string imagesPath, string labelsPath)
    {
        byte[] pixels = ReadImages(imagesPath, out int imageCount);
        byte[] labels = ReadLabels(labelsPath);
        if (labels.Length != imageCount)
            throw new UserError($"{imagesPath} holds {imageCount} images but {labelsPath} holds {labels.Length} labels; the two files must come from the same set");
        return new MnistSet(pixels, labels);
    }

    /// <summary>Reads an IDX image file of 28×28 images; returns count × 784 pixel bytes.</summary>
    public static byte[] ReadImages(string path, out int count) => ParseImages(path, ReadAllBytes(path), out count);

    /// <summary>
    /// Checks the bytes of an IDX image file (already read and inflated) and returns count × 784 pixel bytes;
    /// <paramref name="path"/> names the file in error messages. Every size is checked before the copy is made.
    /// </summary>
    public static byte[] ParseImages(string path, byte[] file, out int count)
    {
        // The magic first: a wrong kind of file is the likelier mistake than a short header.
        if (file.Length >= 4) CheckMagic(path, file, ImagesMagic, "an IDX image file");
        if (file.Length < ImagesHeader)
            throw new UserError($"{path} is {file.Length} bytes long, too short for an IDX image header ({ImagesHeader} bytes)");
        count = ReadCount(path, file, 4, "image count");
        int rows = ReadCount(path, file, 8, "row count");
        int cols = ReadCount(path, file, 12, "column count");
        if (rows != MnistSet.Side || cols != MnistSet.Side)
            throw new UserError($"{path} holds {rows}×{cols} images, expected {MnistSet.Side}×{MnistSet.Side}");
        CheckLength(path, file.Length, ImagesHeader + (long)count * MnistSet.PixelsPerImage, $"{count} images of {rows}×{cols} bytes");
        return file.AsSpan(ImagesHeader).ToArray();
    }

    /// <summary>Reads an IDX label file whose labels are all digits 0–9.</summary>
    public static byte[] ReadLabels(string path) => ParseLabels(path, ReadAllBytes(path));

    /// <summary>Checks the bytes of an IDX label file (already read and inflated); <paramref name="path"/> names it in error messages.</summary>
    public static byte[] ParseLabels(string path, byte[] file)
    {
        // The magic first: a wrong kind of file is the likelier mistake than a short header.
        if (file.Length >= 4) CheckMagic(path, file, LabelsMagic, "an IDX label file");
        if (file.Length < LabelsHeader)
            throw new UserError($"{path} is {file.Length} bytes long, too short for an IDX label header ({LabelsHeader} bytes)");
        int count = ReadCount(path, file, 4, "label count");
        CheckLength(path, file.Length, LabelsHeader + (long)count, $"{count} labels of 1 byte");
        byte[] labels = file.AsSpan(LabelsHeader).ToArray();
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] >= MnistSet.Classes)
                throw new UserError($"{path}: label {i} is {labels[i]}, outside the digits 0–9");
        }
        return labels;
    }

    private static void CheckMagic(string path, byte[] file, int expected, string what)
    {
        int magic = BinaryPrimitives.ReadInt32BigEndian(file);
        if (magic == expected) return;
        string found = magic switch
        {
            ImagesMagic => " (that of an IDX image file)",
            LabelsMagic => " (that of an IDX label file)",
            _ => "",
        };
        throw new UserError($"{path} starts with magic number {magic}{found}, expected {expected} for {what}");
    }

    private static int ReadCount(string path, byte[] file, int offset, string what)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(offset));
        if (value < 0)
            throw new UserError($"{path}: the {what} in the header is {(uint)value}, too large");
        return value;
    }

    private static void CheckLength(string path, long actual, long expected, string declared)
    {
        if (actual < expected)
            throw new UserError($"{path} is truncated: its header declares {declared} ({expected} bytes with the header) but it has only {actual} bytes");
        if (actual > expected)
            throw new UserError($"{path} has {actual - expected} unexpected bytes after the {declared} its header declares ({expected} bytes with the header)");
    }

    /// <summary>The file's bytes, inflated when it is gzip (recognised by its magic bytes 1f 8b, not its name).</summary>
    private static byte[] ReadAllBytes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            int b0 = stream.ReadByte(), b1 = stream.ReadByte();
            stream.Position = 0;
            if (b0 == 0x1f && b1 == 0x8b) return Inflate(path, stream);
            if (stream.Length > MaxFileBytes)
                throw new UserError($"{path} is {stream.Length} bytes long, more than any MNIST-like IDX file ({MaxFileBytes} bytes)");
            byte[] bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            return bytes;
        }
        catch (FileNotFoundException)
        {
            throw new UserError($"{path} does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            throw new UserError($"{path} does not exist (its folder is missing)");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserError($"{path} cannot be read (permission denied)");
        }
        catch (IOException e)
        {
            throw new UserError($"{path} cannot be read: {e.Message}");
        }
    }

    private static byte[] Inflate(string path, Stream stream)
    {
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var output = new MemoryStream();
        byte[] buffer = new byte[1 << 16];
        try
        {
            int n;
            while ((n = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                output.Write(buffer, 0, n);
                if (output.Length > MaxFileBytes)
                    throw new UserError($"{path} inflates to more than {MaxFileBytes} bytes, more than any MNIST-like IDX file");
            }
        }
        catch (InvalidDataException e)
        {
            throw new UserError($"{path} looks like gzip but cannot be decompressed ({e.Message}); fetch it again");
        }
        catch (EndOfStreamException)
        {
            throw new UserError($"{path} is a truncated gzip file; fetch it again");
        }
        return output.ToArray();
    }
}
