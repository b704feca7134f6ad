using System.Globalization;
using System.Text;
using TinyNet.Host.Files;
using TinyNet.Models;

namespace TinyNet.Host.Datasets;

/// <summary>
/// Reads a labelled CSV file (<c>train csv</c>, <c>eval --csv</c>, <c>quantize --csv</c>): a header row
/// naming the columns, then one sample per row. The label column holds class names or whole numbers;
/// the feature columns (all others, or the ones named) hold numbers. Any problem is one
/// <see cref="UserError"/> naming the line and column: 2 for a wrong option (no such column), 1 for
/// a wrong file.
/// </summary>
/// <remarks>
/// Class order, when the classes come from the file: when every label is a whole number (0, 1, 7),
/// label n is class n, named "n" (as image folders named 0-9 keep their digit), so the classes run
/// 0 to the largest label and a number missing from the file is a class without samples; any other
/// labels are numbered in sorted (ordinal) order. Either way the classes do not depend on the row
/// order, and a second file with the same labels (a --test file) maps them the same way.
/// </remarks>
public static class CsvDataset
{
    /// <summary>The largest CSV file read (a data set for a microcontroller network is far smaller).</summary>
    public const long MaxFileBytes = 1L << 30;

    /// <summary>
    /// Reads <paramref name="path"/>. <paramref name="features"/> names the feature columns (null: every
    /// column but the label). <paramref name="classNames"/> fixes the classes (those of the training file
    /// or of a model); null derives them from the labels (see the class remarks). <paramref name="featuresFrom"/>
    /// says where the feature names came from, for the message when one is missing.
    /// </summary>
    public static LabeledData Read(string path, string labelColumn, string[]? features, string[]? classNames, string featuresFrom = "--features")
    {
        string text = Encoding.UTF8.GetString(InputFile.ReadBytes(path, MaxFileBytes, "a CSV file"));
        string[] lines = text.Split('\n');
        int headerLine = 0;
        while (headerLine < lines.Length && lines[headerLine].Trim().Length == 0) headerLine++;
        if (headerLine == lines.Length)
            throw new UserError($"{path} is empty; a CSV file needs a header row naming the columns, then one row per sample");
        string[] header = CsvLine.Split(lines[headerLine].TrimEnd('\r').TrimStart('\uFEFF'), $"line {headerLine + 1} of {path}");
        int label = Column(header, labelColumn, path, "--label");
        int[] columns = FeatureColumns(header, label, features, path, featuresFrom);

        var values = new List<float>();
        var labelTexts = new List<string>();
        var labelLines = new List<int>();
        for (int l = headerLine + 1; l < lines.Length; l++)
        {
            string line = lines[l].TrimEnd('\r');
            if (line.Trim().Length == 0) continue;
            string where = $"line {l + 1} of {path}";
            string[] fields = CsvLine.Split(line, where);
            if (fields.Length != header.Length)
                throw new UserError($"{where} has {fields.Length} fields, the header has {header.Length}; every row needs one value per column");
            foreach (int c in columns)
            {
                if (!CsvLine.TryNumber(fields[c], out float value))
                    throw new UserError($"{where}: column '{header[c]}' holds '{Shorten(fields[c])}', not a number; feature columns must be numbers (or leave the column out with --features)");
                values.Add(value);
            }
            if (fields[label].Length == 0)
                throw new UserError($"{where}: the label column '{header[label]}' is empty; every row needs its class");
            labelTexts.Add(fields[label]);
            labelLines.Add(l + 1);
        }
        if (labelTexts.Count == 0)
            throw new UserError($"{path} has a header but no data rows; add one row per sample");

        string[] classes = classNames ?? DeriveClasses(labelTexts, labelLines, path);
        var labels = new byte[labelTexts.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            int index = IndexOf(classes, labelTexts[i]);
            if (index < 0)
                throw new UserError($"line {labelLines[i]} of {path}: label '{Shorten(labelTexts[i])}' is not one of the {classes.Length} classes ({List(classes)})");
            labels[i] = (byte)index;
        }
        string[] names = Array.ConvertAll(columns, c => header[c]);
        return new LabeledData([.. values], labels, names, classes, path);
    }

    /// <summary>The column named <paramref name="name"/> (exactly, else ignoring case when that is unique), or a usage error listing the columns.</summary>
    private static int Column(string[] header, string name, string path, string option)
    {
        int found = Array.IndexOf(header, name);
        if (found >= 0) return found;
        int match = -1, matches = 0;
        for (int i = 0; i < header.Length; i++)
            if (string.Equals(header[i], name, StringComparison.OrdinalIgnoreCase)) { match = i; matches++; }
        if (matches == 1) return match;
        throw new UserError($"{option} {name}: {path} has no such column; its columns are {List(header)}", 2);
    }

    private static int[] FeatureColumns(string[] header, int label, string[]? features, string path, string featuresFrom)
    {
        if (features == null)
        {
            var all = new List<int>();
            for (int i = 0; i < header.Length; i++) if (i != label) all.Add(i);
            if (all.Count == 0) throw new UserError($"{path} has only the label column '{header[label]}'; add feature columns", 1);
            return [.. all];
        }
        var picked = new int[features.Length];
        for (int i = 0; i < features.Length; i++)
        {
            picked[i] = Column(header, features[i], path, featuresFrom);
            if (picked[i] == label) throw new UserError($"--features {features[i]}: that is the label column; a class cannot be its own input", 2);
            if (Array.IndexOf(picked, picked[i], 0, i) >= 0) throw new UserError($"--features names column '{features[i]}' twice", 2);
        }
        return picked;
    }

    // Whole numbers keep their number as the class (so class n is label n, named "n"); other labels sort as text.
    private static string[] DeriveClasses(List<string> labels, List<int> lines, string path)
    {
        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < labels.Count; i++)
            if (seen.Add(labels[i])) { distinct.Add(labels[i]); firstLine[labels[i]] = lines[i]; }
        int largest = -1;
        bool numbers = distinct.TrueForAll(t => IsClassNumber(t, out int n) && (largest = Math.Max(largest, n)) >= 0);
        if (numbers)
        {
            if (largest >= ModelFormat.MaxClasses)
                throw new UserError($"line {firstLine[largest.ToString(CultureInfo.InvariantCulture)]} of {path}: label {largest} is a class number beyond the {ModelFormat.MaxClasses} classes a model holds (numbered classes run 0 to {ModelFormat.MaxClasses - 1})");
            var numbered = new string[largest + 1];
            for (int n = 0; n <= largest; n++) numbered[n] = n.ToString(CultureInfo.InvariantCulture);
            return numbered;
        }
        distinct.Sort(StringComparer.Ordinal);
        if (distinct.Count > ModelFormat.MaxClasses)
            throw new UserError($"{path} has {distinct.Count} different labels; a model holds at most {ModelFormat.MaxClasses} classes (is --label the right column?)");
        foreach (string name in distinct)
        {
            string? problem = ModelRules.CheckClassName(name);
            if (problem != null)
                throw new UserError($"line {firstLine[name]} of {path}: label '{Shorten(name)}' cannot name a class: it {problem}; rename that class in the file");
        }
        return [.. distinct];
    }

    // "0", "7", "12": a whole number written plainly (no sign, no leading zero), which keeps its number as the class.
    private static bool IsClassNumber(string text, out int number) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number.ToString(CultureInfo.InvariantCulture) == text;

    private static int IndexOf(string[] classes, string label)
    {
        for (int i = 0; i < classes.Length; i++) if (classes[i] == label) return i;
        return -1;
    }

    /// <summary>Up to 20 names, quoted and comma-separated (then "and N more").</summary>
    public static string List(string[] names)
    {
        const int shown = 20;
        var text = new StringBuilder();
        for (int i = 0; i < names.Length && i < shown; i++)
            text.Append(i == 0 ? "" : ", ").Append('\'').Append(Shorten(names[i])).Append('\'');
        if (names.Length > shown) text.Append($" and {names.Length - shown} more");
        return text.ToString();
    }

    // A message stays one readable line even when a field is a whole paragraph.
    private static string Shorten(string text)
    {
        var printable = new StringBuilder();
        foreach (char c in text) printable.Append(char.IsControl(c) ? '?' : c);
        return printable.Length <= 40 ? printable.ToString() : printable.ToString(0, 37) + "...";
    }
}
