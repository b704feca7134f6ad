using System.CommandLine;
using TinyNet.Host;
using TinyNet.Host.Datasets;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary>
/// The options that point eval and quantize at the user's own labelled data instead of MNIST:
/// <c>--csv FILE --label COLUMN [--features a,b]</c> or <c>--images DIR</c>. Each command gets its
/// own instances (an option belongs to one command).
/// </summary>
public sealed class DataOptions
{
    public Option<string> Csv { get; } = new("--csv") { Description = "measure on this labelled CSV file instead of MNIST (header row; needs --label)" };
    public Option<string> Label { get; } = new("--label") { Description = "with --csv: the column holding each row's class" };
    public Option<string> Features { get; } = new("--features") { Description = "with --csv: the feature columns, by header name, comma-separated (default: every column but the label)" };
    public Option<string> Images { get; } = new("--images") { Description = "measure on this folder of pictures, one subfolder per class, instead of MNIST" };

    public void AddTo(Command command)
    {
        command.Options.Add(Csv);
        command.Options.Add(Label);
        command.Options.Add(Features);
        command.Options.Add(Images);
    }

    /// <summary>True when any of these options is given: the user means their own data (then MNIST is not used, and <see cref="Read"/> checks the combination).</summary>
    public bool Given(ParseResult parse) =>
        parse.GetValue(Csv) != null || parse.GetValue(Images) != null || parse.GetValue(Label) != null || parse.GetValue(Features) != null;

    /// <summary>
    /// The data the options name, labelled with <paramref name="model"/>'s class names when it has
    /// them. A model without names (written before the file kept them) is matched by class number:
    /// whole-number labels and digit folders are their class; named labels are numbered in sorted
    /// order, which is the training order when the data holds every class. Wrong combinations are
    /// usage errors; a model that cannot take the data is one line.
    /// </summary>
    public LabeledData Read(ParseResult parse, Model model)
    {
        string? csv = parse.GetValue(Csv), images = parse.GetValue(Images), label = parse.GetValue(Label);
        if (csv != null && images != null) throw new UserError("give --csv FILE or --images DIR, not both", 2);
        if (csv == null && (label != null || parse.GetValue(Features) != null))
            throw new UserError("--label and --features go with --csv FILE", 2);
        LabeledData data;
        if (csv != null)
        {
            if (label == null) throw new UserError($"--csv {csv} needs --label COLUMN, the column holding each row's class", 2);
            data = CsvDataset.Read(csv, label, SplitNames(parse.GetValue(Features)), model.ClassNames);
        }
        else
        {
            data = ImageDataset.Read(images!, model.ClassNames);
        }
        string? problem = Host.Evaluation.DatasetEvaluator.Mismatch(model, data);
        if (problem != null) throw new UserError(problem);
        return data;
    }

    /// <summary>"a, b,c" as its names; null stays null. An empty name is a usage error.</summary>
    public static string[]? SplitNames(string? list)
    {
        if (list == null) return null;
        string[] names = Array.ConvertAll(list.Split(','), n => n.Trim());
        if (Array.Exists(names, n => n.Length == 0))
            throw new UserError($"--features '{list}' has an empty column name; give names separated by commas, such as ax0,ay0,az0", 2);
        return names;
    }
}
