using TinyNet.Host;
using TinyNet.Host.Mnist;

namespace TinyNet.Tests.Mnist;

public class IdxReaderTests
{
    private static readonly byte[] ThreeLabels = { 3, 0, 9 };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RoundTripsPlainAndGzip(bool gzip)
    {
        using var dir = new TempFolder();
        byte[] images = IdxFiles.Images(3);
        byte[] labels = IdxFiles.Labels(ThreeLabels);
        string imagesPath = dir.Write("img", gzip ? IdxFiles.Gzip(images) : images);
        string labelsPath = dir.Write("lbl", gzip ? IdxFiles.Gzip(labels) : labels);

        MnistSet set = IdxReader.ReadSet(imagesPath, labelsPath);

        Assert.Equal(3, set.Count);
        Assert.Equal(ThreeLabels, set.Labels);
        Assert.Equal(images.AsSpan(16).ToArray(), set.Pixels);
    }

    [Fact]
    public void WrongMagicNamesFileAndBothNumbers()
    {
        using var dir = new TempFolder();
        string path = dir.Write("img", IdxFiles.Labels(ThreeLabels));
        var e = Assert.Throws<UserError>(() => IdxReader.ReadImages(path, out _));
        Assert.Contains(path, e.Message);
        Assert.Contains("magic number 2049 (that of an IDX label file), expected 2051", e.Message);

        string labels = dir.Write("lbl", IdxFiles.Labels(ThreeLabels, magic: 0x12345678));
        e = Assert.Throws<UserError>(() => IdxReader.ReadLabels(labels));
        Assert.Contains($"{labels} starts with magic number {0x12345678}, expected 2049", e.Message);
    }

    [Fact]
    public void TruncatedImagesAreReportedWithSizes()
    {
        using var dir = new TempFolder();
        byte[] images = IdxFiles.Images(3);
        string path = dir.Write("img", images.AsSpan(0, images.Length - 1).ToArray());
        var e = Assert.Throws<UserError>(() => IdxReader.ReadImages(path, out _));
        Assert.Equal($"{path} is truncated: its header declares 3 images of 28×28 bytes ({16 + 3 * 784} bytes with the header) but it has only {16 + 3 * 784 - 1} bytes", e.Message);
    }

    [Fact]
    public void TrailingBytesAreRefused()
    {
        using var dir = new TempFolder();
        string path = dir.Write("lbl", [.. IdxFiles.Labels(ThreeLabels), 0, 0]);
        var e = Assert.Throws<UserError>(() => IdxReader.ReadLabels(path));
        Assert.Contains($"{path} has 2 unexpected bytes after the 3 labels", e.Message);
    }

    [Fact]
    public void HeaderShorterThanItsSizeIsRefused()
    {
        using var dir = new TempFolder();
        string path = dir.Write("img", IdxFiles.Images(1).AsSpan(0, 10).ToArray());
        var e = Assert.Throws<UserError>(() => IdxReader.ReadImages(path, out _));
        Assert.Equal($"{path} is 10 bytes long, too short for an IDX image header (16 bytes)", e.Message);
    }

    [Fact]
    public void ImagesThatAreNot28By28AreRefused()
    {
        using var dir = new TempFolder();
        string path = dir.Write("img", IdxFiles.Images(2, rows: 32, cols: 28));
        var e = Assert.Throws<UserError>(() => IdxReader.ReadImages(path, out _));
        Assert.Equal($"{path} holds 32×28 images, expected 28×28", e.Message);
    }

    [Fact]
    public void LabelOutsideDigitsIsRefusedWithItsIndex()
    {
        using var dir = new TempFolder();
        string path = dir.Write("lbl", IdxFiles.Labels([1, 2, 10, 3]));
        var e = Assert.Throws<UserError>(() => IdxReader.ReadLabels(path));
        Assert.Equal($"{path}: label 2 is 10, outside the digits 0–9", e.Message);
    }

    [Fact]
    public void ImageAndLabelCountsMustAgree()
    {
        using var dir = new TempFolder();
        string images = dir.Write("img", IdxFiles.Images(3));
        string labels = dir.Write("lbl", IdxFiles.Labels([1, 2]));
        var e = Assert.Throws<UserError>(() => IdxReader.ReadSet(images, labels));
        Assert.Equal($"{images} holds 3 images but {labels} holds 2 labels; the two files must come from the same set", e.Message);
    }

    [Fact]
    public void CorruptAndTruncatedGzipAreRefused()
    {
        using var dir = new TempFolder();
        byte[] gz = IdxFiles.Gzip(IdxFiles.Images(3));
        string truncated = dir.Write("trunc.gz", gz.AsSpan(0, gz.Length / 2).ToArray());
        var e = Assert.Throws<UserError>(() => IdxReader.ReadImages(truncated, out _));
        Assert.StartsWith(truncated, e.Message);

        byte[] corrupt = (byte[])gz.Clone();
        for (int i = 10; i < corrupt.Length - 8; i++) corrupt[i] ^= 0x5a;
        string bad = dir.Write("bad.gz", corrupt);
        e = Assert.Throws<UserError>(() => IdxReader.ReadImages(bad, out _));
        Assert.StartsWith(bad, e.Message);
    }

    [Fact]
    public void MissingFileIsAUserError()
    {
        using var dir = new TempFolder();
        string path = dir.File("nothing");
        var e = Assert.Throws<UserError>(() => IdxReader.ReadLabels(path));
        Assert.Equal($"{path} does not exist", e.Message);
    }
}
