using TinyNet.Host;
using TinyNet.Host.Images;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Images;

/// <summary>Folders of labelled pictures, DIR/&lt;class&gt;/*.png|jpg|…, as finetune and train images read them.</summary>
public class ImageFolderTests
{
    private static void Picture(string folder, string name, string kind, bool darkOnLight = true, int size = 90)
    {
        Directory.CreateDirectory(folder);
        using var seven = DigitPictures.Seven(size, size, darkOnLight);
        File.WriteAllBytes(Path.Combine(folder, name), DigitPictures.Encode(seven, kind));
    }

    [Fact]
    public void Digit_folders_keep_their_number_as_label_and_every_picture_is_prepared()
    {
        using var dir = new TempFolder();
        Picture(dir.File("7"), "a.png", "PNG RGB");
        Picture(dir.File("7"), "b.jpg", "JPEG colour", darkOnLight: false);
        Picture(dir.File("3"), "c.webp", "WebP lossless", size: 40);
        File.WriteAllText(Path.Combine(dir.File("3"), "notes.txt"), "not a picture, skipped");

        LabeledImages set = ImageFolder.Read(dir.Path);

        Assert.Equal(3, set.Samples.Count);
        Assert.Equal([3, 7, 7], set.Samples.Labels);
        Assert.Equal("7", set.ClassNames[7]);
        Assert.Equal([Path.Combine(dir.File("3"), "c.webp"), Path.Combine(dir.File("7"), "a.png"), Path.Combine(dir.File("7"), "b.jpg")], set.Files);
        Assert.Equal([true, true, false], set.Preparations.Select(p => p.Inverted));
        for (int i = 0; i < 3; i++) Assert.Equal(set.Preparations[i].Pixels, set.Samples.Pixels.AsSpan(i * 784, 784).ToArray());
    }

    [Fact]
    public void Named_classes_are_numbered_in_sorted_order()
    {
        using var dir = new TempFolder();
        Picture(dir.File("seven"), "a.png", "PNG gray 8-bit");
        Picture(dir.File("other"), "b.png", "PNG gray 8-bit");
        LabeledImages set = ImageFolder.Read(dir.Path);
        Assert.Equal(["other", "seven"], set.ClassNames);
        Assert.Equal([0, 1], set.Samples.Labels);
    }

    [Fact]
    public void Problems_name_the_folder_or_the_file()
    {
        using var dir = new TempFolder();
        string Error() => Assert.Throws<UserError>(() => ImageFolder.Read(dir.Path)).Message;

        Assert.Equal($"image folder {dir.File("none")} does not exist", Assert.Throws<UserError>(() => ImageFolder.Read(dir.File("none"))).Message);
        Assert.StartsWith($"{dir.Path} has no class folders", Error());

        Directory.CreateDirectory(dir.File("5"));
        Assert.StartsWith($"class folder {dir.File("5")} has no pictures", Error());

        string broken = Path.Combine(dir.File("5"), "broken.png");
        File.WriteAllBytes(broken, PngWriter.Gray(28, 28, new byte[29 * 28])[..40]);
        Assert.StartsWith($"{broken} cannot be read as an image: ", Error());

        File.Delete(broken);
        string blank = Path.Combine(dir.File("5"), "blank.png");
        File.WriteAllBytes(blank, PngWriter.Gray(28, 28, new byte[29 * 28]));
        Assert.StartsWith($"no digit found in {blank}: ", Error());
    }
}
