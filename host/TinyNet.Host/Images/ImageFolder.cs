using TinyNet.Host.Mnist;

namespace TinyNet.Host.Images;

/// <summary>
/// Reads a folder of labelled pictures laid out as DIR/&lt;class&gt;/*.png (or .jpg, .bmp, ...), the
/// layout <c>finetune DIR</c> and <c>train images DIR</c> take: every picture goes through
/// <see cref="DigitPreparation"/>, so the samples are MNIST-shaped whatever the pictures were.
/// </summary>
public static class ImageFolder
{
    /// <summary>File extensions read as pictures (others, such as README.txt, are skipped).</summary>
    public static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp", ".gif", ".tif", ".tiff", ".webp"];

    /// <summary>
    /// Every picture under <paramref name="folder"/>'s class folders, prepared. Class folders named
    /// by whole numbers (0, 1, ... 9) keep their number as the label, so DIR/7 is digit 7 even when
    /// other digits are missing; otherwise labels follow the names' sorted order.
    /// Any problem (no such folder, no class folders, an empty class, an unreadable picture or one
    /// without a digit) is a <see cref="UserError"/> naming the folder or file.
    /// </summary>
    public static LabeledImages Read(string folder)
    {
        if (File.Exists(folder)) throw new UserError($"{folder} is a file; give a folder with one subfolder per class (e.g. {Path.Combine(folder, "7", "a.png")})");
        if (!Directory.Exists(folder)) throw new UserError($"image folder {folder} does not exist");
        string[] classFolders;
        try
        {
            classFolders = Directory.GetDirectories(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {folder}: {e.Message}");
        }
        if (classFolders.Length == 0)
            throw new UserError($"{folder} has no class folders; put each class's pictures in a subfolder named after it, e.g. {Path.Combine(folder, "7", "a.png")}");
        Array.Sort(classFolders, StringComparer.Ordinal);
        string[] names = Array.ConvertAll(classFolders, f => Path.GetFileName(f));
        int[] labels = ClassLabels(names, out string[] classNames);

        var pixels = new List<byte>();
        var sampleLabels = new List<byte>();
        var files = new List<string>();
        var digits = new List<PreparedDigit>();
        for (int c = 0; c < classFolders.Length; c++)
        {
            string[] pictures = Pictures(classFolders[c]);
            if (pictures.Length == 0)
                throw new UserError($"class folder {classFolders[c]} has no pictures ({string.Join(", ", Extensions)})");
            foreach (string file in pictures)
            {
                PreparedDigit digit = DigitPreparation.Prepare(ImageFile.Read(file), file);
                pixels.AddRange(digit.Pixels);
                sampleLabels.Add((byte)labels[c]);
                files.Add(file);
                digits.Add(digit);
            }
        }
        return new LabeledImages(new MnistSet([.. pixels], [.. sampleLabels]), classNames, [.. files], [.. digits]);
    }

    private static string[] Pictures(string classFolder)
    {
        string[] all;
        try
        {
            all = Directory.GetFiles(classFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {classFolder}: {e.Message}");
        }
        var pictures = Array.FindAll(all, f => Array.IndexOf(Extensions, Path.GetExtension(f).ToLowerInvariant()) >= 0);
        Array.Sort(pictures, StringComparer.Ordinal);
        return pictures;
    }

    // Whole-number names keep their number; any other name set is numbered in sorted order.
    private static int[] ClassLabels(string[] names, out string[] classNames)
    {
        var numbers = new int[names.Length];
        bool allNumbers = true;
        for (int i = 0; i < names.Length && allNumbers; i++)
            allNumbers = int.TryParse(names[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i])
                         && numbers[i] <= byte.MaxValue && names[i] == numbers[i].ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!allNumbers)
        {
            if (names.Length > byte.MaxValue + 1) throw new UserError($"{names.Length} class folders are more than the {byte.MaxValue + 1} classes a label byte holds");
            classNames = names;
            var order = new int[names.Length];
            for (int i = 0; i < order.Length; i++) order[i] = i;
            return order;
        }
        int max = 0;
        foreach (int n in numbers) max = Math.Max(max, n);
        classNames = new string[max + 1];
        for (int n = 0; n <= max; n++) classNames[n] = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return numbers;
    }
}

/// <summary>Prepared pictures from an <see cref="ImageFolder"/> with their labels.</summary>
/// <param name="Samples">The 28×28 inputs and labels, in MNIST's shape (labels index <paramref name="ClassNames"/>).</param>
/// <param name="ClassNames">The class folder name of each label.</param>
/// <param name="Files">The picture file of each sample.</param>
/// <param name="Preparations">What the preparation did to each sample.</param>
public sealed record LabeledImages(MnistSet Samples, string[] ClassNames, string[] Files, PreparedDigit[] Preparations);
