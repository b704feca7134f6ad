using Spectre.Console;
using TinyNet.Host.Training;

namespace TinyNet.Cli.Commands;

/// <summary>
/// Shows a training run: a progress bar for the current epoch when the output is a terminal, and
/// one line per epoch either way (plain lines only when the output is redirected).
/// </summary>
internal static class TrainingProgress
{
    /// <summary>
    /// Runs the trainer. Ctrl+C ends the process (models are only written after training, so nothing
    /// is half-written), but the progress bar hides the cursor: it is shown again and the user told.
    /// </summary>
    public static IReadOnlyList<MnistEpoch> Run(EpochTrainer trainer, int epochCount, string accuracyName = "test accuracy")
    {
        ConsoleCancelEventHandler interrupted = (_, _) =>
        {
            if (!Console.IsOutputRedirected) Console.Out.Write("\u001b[?25h\n");
            Console.Error.WriteLine("tinynet: interrupted; nothing written");
        };
        Console.CancelKeyPress += interrupted;
        try
        {
            return Show(trainer, epochCount, accuracyName);
        }
        finally
        {
            Console.CancelKeyPress -= interrupted;
        }
    }

    private static IReadOnlyList<MnistEpoch> Show(EpochTrainer trainer, int epochCount, string accuracyName)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
            return trainer.Train(onEpoch: e => Console.WriteLine(Line(e, epochCount, accuracyName)));

        IReadOnlyList<MnistEpoch> result = [];
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                int batches = trainer.BatchesPerEpoch;
                ProgressTask task = context.AddTask(Description(1, epochCount), maxValue: batches);
                // Update the bar about a hundred times per epoch, not after every step.
                int every = Math.Max(1, batches / 100);
                result = trainer.Train(
                    onBatch: p =>
                    {
                        if (p.Batch % every == 0 || p.Batch == p.Batches) task.Value = p.Batch;
                    },
                    onEpoch: e =>
                    {
                        AnsiConsole.WriteLine(Line(e, epochCount, accuracyName));
                        if (e.Epoch < epochCount)
                        {
                            task.Description = Description(e.Epoch + 1, epochCount);
                            task.Value = 0;
                        }
                    });
            });
        return result;
    }

    private static string Description(int epoch, int epochs) => $"epoch {epoch}/{epochs}";

    public static string Line(MnistEpoch e, int epochs, string accuracyName = "test accuracy") =>
        $"epoch {e.Epoch.ToString().PadLeft(epochs.ToString().Length)}/{epochs}  loss {e.TrainLoss:F4}  {accuracyName} {100 * e.TestAccuracy:F2} %  {e.TrainSeconds:F2} s (+{e.EvalSeconds:F2} s test)";
}
