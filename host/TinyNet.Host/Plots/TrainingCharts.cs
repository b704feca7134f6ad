using ScottPlot;
using TinyNet.Host.Training;

namespace TinyNet.Host.Plots;

/// <summary>
/// The PNG charts of a training run (<c>tinynet train --plot DIR</c>): loss and test accuracy per
/// epoch, and the test set's confusion matrix. Each file is written to a temporary name and then
/// renamed, so a chart is either complete or absent.
/// </summary>
public static class TrainingCharts
{
    public const string LossFile = "loss.png", AccuracyFile = "accuracy.png", ConfusionFile = "confusion.png";

    private const int Width = 800, Height = 500;

    /// <summary>Writes the three charts into <paramref name="folder"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string folder, IReadOnlyList<MnistEpoch> epochs, int[] confusion, int classes)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot create the plot folder {folder}: {e.Message}");
        }
        double[] x = epochs.Select(e => (double)e.Epoch).ToArray();
        var written = new List<string>
        {
            Save(folder, LossFile, PerEpoch(x, epochs.Select(e => e.TrainLoss).ToArray(), "Training loss (cross-entropy)", "loss")),
            Save(folder, AccuracyFile, PerEpoch(x, epochs.Select(e => 100 * e.TestAccuracy).ToArray(), "Test accuracy", "accuracy (%)")),
            Save(folder, ConfusionFile, Confusion(confusion, classes)),
        };
        return written;
    }

    private static Plot PerEpoch(double[] x, double[] y, string title, string yLabel)
    {
        var plot = new Plot();
        var line = plot.Add.Scatter(x, y);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        // Whole epochs only on the x axis.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, x.Select(v => v.ToString("0")).ToArray());
        return plot;
    }

    /// <summary>Cells shaded by the share of each actual digit predicted as each digit, with the counts written in.</summary>
    private static Plot Confusion(int[] confusion, int classes)
    {
        var plot = new Plot();
        for (int actual = 0; actual < classes; actual++)
        {
            int rowTotal = 0;
            for (int p = 0; p < classes; p++) rowTotal += confusion[actual * classes + p];
            for (int predicted = 0; predicted < classes; predicted++)
            {
                int count = confusion[actual * classes + predicted];
                double share = rowTotal == 0 ? 0 : (double)count / rowTotal;
                // Row "actual" is drawn at y = actual with the y axis inverted, so digit 0 is on top.
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, actual + 0.5, actual - 0.5);
                cell.FillColor = predicted == actual
                    ? Colors.SeaGreen.WithAlpha(0.15 + 0.85 * share)
                    : Colors.OrangeRed.WithAlpha(Math.Min(1, 0.1 + 8 * share));
                cell.LineColor = Colors.LightGray;
                if (count == 0) continue;
                var text = plot.Add.Text(count.ToString(), predicted, actual);
                text.LabelFontSize = 13;
                text.LabelAlignment = Alignment.MiddleCenter;
            }
        }
        double[] ticks = Enumerable.Range(0, classes).Select(i => (double)i).ToArray();
        string[] labels = ticks.Select(t => t.ToString("0")).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels);
        plot.Axes.SetLimits(-0.5, classes - 0.5, classes - 0.5, -0.5);
        plot.Title("Test confusion matrix");
        plot.XLabel("predicted digit");
        plot.YLabel("actual digit");
        return plot;
    }

    private static string Save(string folder, string name, Plot plot)
    {
        string path = Path.Combine(folder, name);
        string temp = path + ".tmp";
        try
        {
            byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
            File.WriteAllBytes(temp, png);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new UserError($"cannot write the chart {path}: {e.Message}");
        }
        return path;
    }
}
