using TinyNet.Host;
using TinyNet.Host.Mnist;

namespace TinyNet.Tests.Mnist;

public class MnistDataTests
{
    [Fact]
    public void MissingDataOptionFolderSaysWhatToDo()
    {
        using var dir = new TempFolder();
        string missing = dir.File("nope");
        var e = Assert.Throws<UserError>(() => MnistData.FindFolder(missing));
        Assert.Equal($"data folder {missing} does not exist; run tools/fetch-mnist.sh or pass --data DIR", e.Message);
    }

    [Fact]
    public void MissingFileInFolderIsNamed()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<UserError>(() => MnistData.LoadTest(dir.Path));
        Assert.Contains(Path.Combine(dir.Path, MnistData.TestImages) + " is missing", e.Message);
        Assert.Contains("run tools/fetch-mnist.sh", e.Message);
    }

    [Fact]
    public void LoadsGzippedSetFromFolder()
    {
        using var dir = new TempFolder();
        dir.Write(MnistData.TestImages + ".gz", IdxFiles.Gzip(IdxFiles.Images(2)));
        dir.Write(MnistData.TestLabels, IdxFiles.Labels([4, 5]));
        MnistSet set = MnistData.LoadTest(MnistData.FindFolder(dir.Path));
        Assert.Equal(new byte[] { 4, 5 }, set.Labels);
    }
}
