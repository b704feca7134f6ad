using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using TinyNet.Host.Inference;
using TinyNet.Host.Kernels;
using TinyNet.Host.Mnist;
using TinyNet.Host.Timing;
using TinyNet.Host.Training;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet bench</c>: TinyNet's side of the MNIST benchmark (tools/bench.sh runs the PyTorch
/// reference beside it): training cost per sample and per epoch, one-at-a-time inference rate,
/// bytes allocated per step, and the default and wide recipes' accuracy and training time.
/// </summary>
public static class BenchCommand
{
    public static readonly Option<string> Data = new("--data") { Description = "folder with the MNIST IDX files (default: data/mnist, searched upwards)" };
    public static readonly Option<bool> Json = new("--json") { Description = "print the figures as one JSON object" };
    public static readonly Option<bool> Quick = new("--quick") { Description = "skip the two full recipes (step costs and inference only)" };
    public static readonly Option<bool> Dense = new("--dense") { Description = "add the dense-input figures (inverted MNIST, 10k-image batch, FMA peak, kernel crossover)" };
    public static readonly Option<bool> InferenceOnly = new("--inference") { Description = "time one-at-a-time inference only (seconds instead of minutes)" };

    public static Command Create()
    {
        var command = new Command("bench", "Time MNIST training and inference with the engine (784-128-10) and print the figures.") { Data, Json, Quick, Dense, InferenceOnly };
        command.SetAction(parse =>
        {
            string folder = MnistData.FindFolder(parse.GetValue(Data));
            MnistSet train = MnistData.LoadTrain(folder), test = MnistData.LoadTest(folder);
            var figures = new Dictionary<string, double>();
            if (parse.GetValue(InferenceOnly))
            {
                InferenceFigures(new MnistTrainer(new MnistRecipe(), train, test).Network, test, figures);
                Print(figures, parse.GetValue(Json));
                return 0;
            }

            // Raw step cost: no augmentation, the engine's fused SGD step, one full epoch.
            var (batch1, bytes1) = EpochCost(new MnistRecipe { BatchSize = 1, LearningRate = 0.02f, Shift = 0, Epochs = 1 }, train, test);
            figures["batch1_us_per_sample"] = batch1 / train.Count * 1e6;
            figures["batch1_bytes_per_step"] = bytes1;
            Progress($"batch 1: {batch1 / train.Count * 1e6:F2} µs per sample (one shuffled epoch, {batch1:F2} s)");
            var (batch32, bytes32) = EpochCost(new MnistRecipe { BatchSize = 32, Shift = 0, Epochs = 1 }, train, test);
            figures["batch32_s_per_epoch"] = batch32;
            figures["batch32_bytes_per_step"] = bytes32;
            Progress($"batch 32: {batch32:F3} s per shuffled epoch");

            if (!parse.GetValue(Quick))
            {
                var (accuracy, seconds, trained) = Recipe(new MnistRecipe(), train, test);
                figures["default_test_accuracy"] = accuracy;
                figures["default_train_s"] = seconds;
                Progress($"default recipe: {accuracy:F2} % in {seconds:F2} s");
                InferenceFigures(trained, test, figures);
                (accuracy, seconds, _) = Recipe(new MnistRecipe { Hidden = 256, Epochs = 7 }, train, test);
                figures["wide256_test_accuracy"] = accuracy;
                figures["wide256_train_s"] = seconds;
                Progress($"784-256-10, 7 epochs: {accuracy:F2} % in {seconds:F2} s");
            }
            else
            {
                InferenceFigures(new MnistTrainer(new MnistRecipe(), train, test).Network, test, figures);
            }

            if (parse.GetValue(Dense)) DenseBench.Measure(train, test, figures);
            Print(figures, parse.GetValue(Json));
            return 0;
        });
        return command;
    }

    // One shuffled epoch with the recipe's learning-rate schedule, timed as training times it (the
    // steps only), after warm-up steps: the same work as tools/bench/reference.py's epoch. An epoch
    // in the data's stored order reads the samples in sequence, which no real epoch does (issue 12
    // found it about 1.4 times faster). The bytes allocated per step are counted over 1,000 steps first.
    private static (double Seconds, double BytesPerStep) EpochCost(MnistRecipe recipe, MnistSet train, MnistSet test)
    {
        var trainer = new MnistTrainer(recipe, train, test);
        trainer.TrainBatch(0, recipe.LearningRate);
        int steps = Math.Min(1000, trainer.BatchesPerEpoch);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int b = 0; b < steps; b++) trainer.TrainBatch(b, recipe.LearningRate);
        double bytesPerStep = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)steps;
        return (trainer.Train()[0].TrainSeconds, bytesPerStep);
    }

    // Each figure as soon as it is measured, on stderr: the run takes minutes and stdout may be JSON.
    private static void Progress(string line) => Console.Error.WriteLine($"    {line}");

    private static (double Accuracy, double TrainSeconds, Network Network) Recipe(MnistRecipe recipe, MnistSet train, MnistSet test)
    {
        var trainer = new MnistTrainer(recipe, train, test);
        var epochs = trainer.Train();
        return (100 * epochs[^1].TestAccuracy, epochs.Sum(e => e.TrainSeconds), trainer.Network);
    }

    private static void Print(Dictionary<string, double> figures, bool json)
    {
        if (json) Console.WriteLine(JsonSerializer.Serialize(figures));
        else foreach (var (name, value) in figures) Console.WriteLine($"{name,-44} {value,14:G6}");
    }

    // One image at a time through the float model, as a host would serve it: the host's
    // VectorPredictor (the figure), and the shared Predictor with the vector kernels (the board's
    // code on the host, what the figure was before VectorPredictor) in the same run for comparison.
    private static void InferenceFigures(Network network, MnistSet test, IDictionary<string, double> figures)
    {
        Model model = ModelConvert.FromNetwork(network, "mnist");
        var shared = InferenceRate(new Predictor(model, VectorKernels.Instance), test);
        var fast = InferenceRate(new VectorPredictor(model), test);
        figures["inference_images_per_s"] = fast.Mean;
        figures["inference_best_round_images_per_s"] = fast.BestRound;
        figures["inference_cpu_images_per_s"] = fast.Cpu;
        figures["inference_shared_predictor_images_per_s"] = shared.Mean;
        figures["inference_shared_predictor_best_round_images_per_s"] = shared.BestRound;
        figures["inference_shared_predictor_cpu_images_per_s"] = shared.Cpu;
        Progress($"inference: {fast.Mean:F0} images/s, one at a time (best round {fast.BestRound:F0}, per CPU second {fast.Cpu:F0}); " +
                 $"the shared Predictor with the vector kernels: {shared.Mean:F0} ({shared.BestRound:F0}, {shared.Cpu:F0})");
    }

    // Images per second, one at a time, in 1,000-image rounds through the test set for at least a
    // second after a warm-up round: over the whole second of wall-clock time (the figure the
    // references report), in the best round (a round that did not lose its core to another process
    // on a shared machine), and per second of this thread's CPU time.
    private static (double Mean, double BestRound, double Cpu) InferenceRate(IPredictor predictor, MnistSet test)
    {
        const int round = 1000;
        int images = 0, next = 0;
        void Round()
        {
            for (int n = 0; n < round; n++, next = (next + 1) % test.Count) predictor.Predict(test.Pixels, next * MnistSet.PixelsPerImage);
        }
        Round();
        double best = double.MaxValue, cpuStart = ThreadCpuClock.Seconds();
        var watch = Stopwatch.StartNew();
        do
        {
            long start = Stopwatch.GetTimestamp();
            Round();
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
            images += round;
        }
        while (watch.Elapsed.TotalSeconds < 1);
        double seconds = watch.Elapsed.TotalSeconds, cpu = ThreadCpuClock.Seconds() - cpuStart;
        return (images / seconds, round / best, images / cpu);
    }
}
