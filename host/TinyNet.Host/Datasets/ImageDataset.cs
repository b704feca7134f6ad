using TinyNet.Host.Images;
using TinyNet.Host.Mnist;
using TinyNet.Models;

namespace TinyNet.Host.Datasets;

/// <summary>
/// A folder of pictures, one subfolder per class (<c>train images</c>, <c>eval --images</c>), as a
/// <see cref="LabeledData"/>: every picture prepared like MNIST by <see cref="ImageFolder"/>
/// (28×28, the same preparation as <c>predict --image</c>) and fed as pixel / 255, as the board
/// feeds a picture. The class names are the folder names.
/// </summary>
public static class ImageDataset
{
    /// <summary>
    /// Reads <paramref name="folder"/> for training: the folder names must be usable class names
    /// (checked before any picture is read), at least two and at most the model format's limit.
    /// </summary>
    public static LabeledData ReadForTraining(string folder)
    {
        string[] names = ClassFolderNames(folder);
        if (names.Length > ModelFormat.MaxClasses)
            throw new UserError($"{folder} has {names.Length} class folders; a model holds at most {ModelFormat.MaxClasses} classes");
        foreach (string name in names)
        {
            string? problem = ModelRules.CheckClassName(name);
            if (problem != null)
                throw new UserError($"class folder '{Path.Combine(folder, name)}' cannot name a class: it {problem}; rename the folder");
        }
        if (names.Length == 1)
            throw new UserError($"{folder} has one class folder only ('{names[0]}'); a classifier needs at least two classes, one folder each");
        LabeledData data = Read(folder, null);
        int[] counts = data.ClassCounts();
        for (int c = 0; c < counts.Length; c++)
            if (counts[c] == 0)
                throw new UserError($"{folder} has no folder for class {data.ClassNames[c]}: numbered class folders keep their number, so they must run 0, 1, 2, ... without gaps (or use names)");
        return data;
    }

    /// <summary>
    /// Reads <paramref name="folder"/>; with <paramref name="classNames"/> (a model's), each folder is
    /// the class of that name (a folder no class has is refused), else the classes are the folders.
    /// </summary>
    public static LabeledData Read(string folder, string[]? classNames)
    {
        LabeledImages images = ImageFolder.Read(folder);
        MnistSet set = images.Samples;
        string[] classes = classNames ?? images.ClassNames;
        var labels = new byte[set.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            string name = images.ClassNames[set.Labels[i]];
            int index = Array.IndexOf(classes, name);
            if (index < 0)
                throw new UserError($"class folder '{name}' in {folder} is not one of the model's {classes.Length} classes ({CsvDataset.List(classes)})");
            labels[i] = (byte)index;
        }
        var features = new string[MnistSet.PixelsPerImage];
        for (int p = 0; p < features.Length; p++) features[p] = "pixel " + p;
        return new LabeledData(MnistInputs.Scale(set), labels, features, classes, folder);
    }

    private static string[] ClassFolderNames(string folder)
    {
        if (File.Exists(folder)) throw new UserError($"{folder} is a file; give a folder with one subfolder per class (e.g. {Path.Combine(folder, "circle", "a.png")})");
        if (!Directory.Exists(folder)) throw new UserError($"image folder {folder} does not exist");
        try
        {
            string[] names = Array.ConvertAll(Directory.GetDirectories(folder), d => Path.GetFileName(d));
            Array.Sort(names, StringComparer.Ordinal);
            return names;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {folder}: {e.Message}");
        }
    }
}
