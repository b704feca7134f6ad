using TinyNet.Host.Models;
using System.Runtime.CompilerServices;
using TinyNet.DigitPhotos;
using TinyNet.Host.Images;
using TinyNet.Host.Mnist;
using TinyNet.Host.Training;
using TinyNet.Models;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Images;

/// <summary>
/// Photographed-style digits (tools/TinyNet.DigitPhotos: MNIST test digits drawn dark on light paper
/// in colour, 100-300 px, noisy, blurred, PNG and JPEG) must be read about as well as MNIST itself.
/// Needs the real MNIST files (tools/test.sh fetches them with tools/fetch-mnist.sh).
/// </summary>
public class PhotoDigitAccuracyTests
{
    [Fact]
    public void Photos_are_read_nearly_as_well_as_mnist_itself()
    {
        string data = RealMnistFolder()
            ?? throw new InvalidOperationException("this test needs real MNIST in data/mnist: run tools/fetch-mnist.sh (tools/test.sh does)");
        MnistSet test = MnistData.LoadTest(data);
        Model model = SmallModel(MnistData.LoadTrain(data), test);

        PhotoAccuracy a = PhotoAccuracy.Measure(model, test, 150, seed: 7);

        // Measured with this model and seed: MNIST 143/150 (95.33 %), MNIST re-prepared 140/150, photos 140/150
        // (93.33 %: PNG 69/75, JPEG 71/75). The bounds leave room for a few digits' difference on another CPU.
        Assert.Equal(150, a.Count);
        Assert.Equal(0, a.NoDigitFound);
        Assert.True(a.Mnist >= 0.88, $"MNIST accuracy {a.Mnist:P2}");
        Assert.True(a.Photos >= 0.88, $"photo accuracy {a.Photos:P2} (MNIST {a.Mnist:P2})");
        Assert.True(a.Photos >= a.Mnist - 0.06, $"photo accuracy {a.Photos:P2} is far below MNIST's {a.Mnist:P2}");
        Assert.True(a.RepreparedCorrect >= a.MnistCorrect - 8, $"re-prepared MNIST {a.RepreparedCorrect}/150 against {a.MnistCorrect}/150 as is");
    }

    [Fact]
    public void The_same_seed_draws_the_same_photos()
    {
        MnistSet digits = SyntheticDigits.Create(4, 1);
        byte[][] Draw(int seed) => PhotoSet.Generate(digits, 4, seed).Select(p => p.File).ToArray();
        Assert.Equal(Draw(3), Draw(3));
        Assert.NotEqual(Draw(3)[0], Draw(4)[0]);
        Assert.Equal([".png", ".jpg", ".png", ".jpg"], PhotoSet.Generate(digits, 4, 3).Select(p => p.Extension));
        GrayImage photo = ImageFile.Decode(PhotoSet.Generate(digits, 1, 3).First().File, "photo");
        Assert.InRange(photo.Width, 100, 300);
        Assert.InRange(photo.Height, 100, 300);
    }

    private static Model SmallModel(MnistSet train, MnistSet test)
    {
        var recipe = new MnistRecipe { Hidden = 32, Epochs = 1, Seed = 2 };
        var trainer = new MnistTrainer(recipe, train.Take(20000), test.Take(500));
        trainer.Train();
        string path = Path.Combine(Path.GetTempPath(), $"tinynet-photo-{Environment.ProcessId}.tnn");
        try
        {
            ModelFiles.Save(trainer.Network, "mnist", path);
            return ModelFiles.Load(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string? RealMnistFolder([CallerFilePath] string source = "")
    {
        // tests/TinyNet.Tests/Images/<this file> → repository root → data/mnist
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        string folder = Path.Combine(root, MnistData.DefaultRelativeFolder);
        return File.Exists(Path.Combine(folder, MnistData.TestImages)) ? folder : null;
    }
}
