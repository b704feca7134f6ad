using ScottPlot;
using TinyNet.Host.Files;
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
            Save(folder, LossFile, Loss(x, epochs.Select(e => e.TrainLoss).ToArray())),
            Save(folder, AccuracyFile, Accuracy(x, epochs.Select(e => 100 * e.TestAccuracy).ToArray(), classes)),
            Save(folder, ConfusionFile, Confusion(confusion, classes)),
        };
        return written;
    }

    // Loss from 0, so its fall is drawn to scale. One epoch is one point, which a line chart draws
    // as a lone dot on an arbitrary axis: draw it as a bar instead.
    private static Plot Loss(double[] x, double[] loss)
    {
        Plot plot = x.Length == 1 ? SingleBar(loss[0]) : PerEpoch(x, loss);
        plot.Title("Training loss (cross-entropy)");
        plot.YLabel("loss");
        plot.Axes.SetLimitsY(0, Math.Max(loss.Max(), 0.01) * 1.15);
        return plot;
    }

    // Accuracy from a round value (a multiple of 10 %) to 100 %, so small gains are not blown up,
    // with the final figure marked; the chance level is marked when the axis reaches down to it.
    private static Plot Accuracy(double[] x, double[] accuracy, int classes)
    {
        Plot plot = x.Length == 1 ? SingleBar(accuracy[0]) : PerEpoch(x, accuracy);
        plot.Title("Test accuracy");
        plot.YLabel("accuracy (%)");
        double bottom = Math.Max(0, Math.Floor(accuracy.Min() / 10 - 0.5) * 10);
        plot.Axes.SetLimitsY(bottom, 100);
        double final = accuracy[^1];
        Mark(plot, final, $"final {final:F2} %", x);
        double chance = 100.0 / classes;
        if (bottom <= chance) Mark(plot, chance, $"chance {chance:0.#} %", x);
        return plot;
    }

    private static void Mark(Plot plot, double y, string label, double[] x)
    {
        var line = plot.Add.HorizontalLine(y);
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1;
        line.Color = Colors.Gray;
        var text = plot.Add.Text(label, x[0] - (x.Length == 1 ? 0.45 : 0), y);
        text.LabelFontSize = 12;
        text.LabelAlignment = Alignment.LowerLeft;
    }

    private static Plot SingleBar(double value)
    {
        var plot = new Plot();
        plot.Add.Bar(1, value);
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([1.0], ["1"]);
        plot.Axes.SetLimitsX(0.5, 1.5);
        return plot;
    }

    private static Plot PerEpoch(double[] x, double[] y)
    {
        var plot = new Plot();
        var line = plot.Add.Scatter(x, y);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        plot.XLabel("epoch");
        // Whole epochs only on the x axis.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(x, x.Select(v => v.ToString("0")).ToArray());
        plot.Axes.SetLimitsX(x[0] - 0.3, x[^1] + 0.3);
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
        AtomicFile.Write(path, temp => File.WriteAllBytes(temp, plot.GetImageBytes(Width, Height, ImageFormat.Png)),
            e => $"cannot write the chart {path}: {e.Message}");
        return path;
    }
}
