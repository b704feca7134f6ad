namespace TinyNet.Host.Mnist;

/// <summary>
/// Finds and loads the MNIST files: the folder given with --data, else a data/mnist folder found
/// by walking up from the current directory and then from the executable's directory (so the
/// CLI works from anywhere inside the repository and from its build output).
/// </summary>
public static class MnistData
{
    /// <summary>Where tools/fetch-mnist.sh puts the files, relative to the repository root.</summary>
    public static readonly string DefaultRelativeFolder = Path.Combine("data", "mnist");

    /// <summary>File name stems of the training set (60 000 samples).</summary>
    public const string TrainImages = "train-images-idx3-ubyte", TrainLabels = "train-labels-idx1-ubyte";

    /// <summary>File name stems of the test set (10 000 samples).</summary>
    public const string TestImages = "t10k-images-idx3-ubyte", TestLabels = "t10k-labels-idx1-ubyte";

    private const string Remedy = "run tools/fetch-mnist.sh or pass --data DIR";

    /// <summary>The data folder: <paramref name="dataOption"/> when given (it must exist), else the discovered data/mnist.</summary>
    public static string FindFolder(string? dataOption)
    {
        if (dataOption != null)
        {
            if (File.Exists(dataOption))
                throw new UserError($"--data {dataOption} is a file; give the folder that holds the MNIST IDX files (such as data/mnist)", 2);
            if (!Directory.Exists(dataOption))
                throw new UserError($"data folder {dataOption} does not exist; {Remedy}");
            return dataOption;
        }
        var searched = new List<string>();
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            string? found = WalkUp(start);
            if (found != null) return found;
            searched.Add(start);
        }
        throw new UserError($"MNIST data not found: no {DefaultRelativeFolder} folder in {string.Join(" or ", searched.Distinct())} or any parent; {Remedy}");
    }

    /// <summary>Loads the training set from a folder found by <see cref="FindFolder"/>.</summary>
    public static MnistSet LoadTrain(string folder) => Load(folder, TrainImages, TrainLabels);

    /// <summary>Loads the test set from a folder found by <see cref="FindFolder"/>.</summary>
    public static MnistSet LoadTest(string folder) => Load(folder, TestImages, TestLabels);

    private static MnistSet Load(string folder, string images, string labels)
        => IdxReader.ReadSet(Locate(folder, images), Locate(folder, labels));

    /// <summary>The file as fetched, or its .gz form (as distributed by the original MNIST site).</summary>
    private static string Locate(string folder, string stem)
    {
        string plain = Path.Combine(folder, stem);
        if (File.Exists(plain)) return plain;
        string gz = plain + ".gz";
        if (File.Exists(gz)) return gz;
        throw new UserError($"{plain} is missing (nor is there a .gz of it); {Remedy}");
    }

    private static string? WalkUp(string start)
    {
        for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, DefaultRelativeFolder);
            if (Directory.Exists(candidate)) return candidate;
        }
        return null;
    }
}
