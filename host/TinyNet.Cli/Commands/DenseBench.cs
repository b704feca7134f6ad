using System.Diagnostics;
using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Host.Mnist;
using TinyNet.Host.Timing;
using TinyNet.Host.Training;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet bench --dense</c>: the dense-input figures (issue 13). MNIST with every pixel
/// inverted (255 − x, so no input is zero) trained 784-128-10 at batch 32 for one shuffled epoch,
/// the 10,000 test images through the network as one batch, the single-core FMA peak the
/// blocked kernel is judged against, and the sparse-versus-blocked crossover that set
/// <see cref="DensePath.DefaultMinDensity"/>. tools/bench/dense_reference.py is numpy's side.
/// </summary>
public static class DenseBench
{
    private const int Batch = 32, Hidden = 128, Inputs = MnistSet.PixelsPerImage, Classes = MnistSet.Classes;

    /// <summary>
    /// Learning rate of the dense runs (both sides): the default 0.5 is tuned for inputs that are
    /// mostly 0, and on 784 inputs near 1 it saturates the hidden layer at once.
    /// </summary>
    public const float DenseLearningRate = 0.02f;

    /// <summary>Floating-point operations of one batch-32 training step of 784-128-10: forward and weight gradient of both layers, input gradient of the second.</summary>
    public static double FlopsPerStep => 2.0 * Batch * (2 * Inputs * Hidden + 3 * Hidden * Classes);

    /// <summary>Measures everything and adds it to <paramref name="figures"/>.</summary>
    public static void Measure(MnistSet train, MnistSet test, IDictionary<string, double> figures)
    {
        if (FmaPeak.Gflops(512) is double peak512) figures["peak_gflops_512bit"] = peak512;
        if (FmaPeak.Gflops(256) is double peak256) figures["peak_gflops_256bit"] = peak256;
        figures["blocked_kernel_bits"] = BlockedGemm.Best?.VectorBits ?? 0;

        MnistSet denseTrain = Inverted(train), denseTest = Inverted(test);
        var dense = new MnistRecipe { BatchSize = Batch, Shift = 0, Epochs = 1, LearningRate = DenseLearningRate };
        var sparse = new MnistRecipe { BatchSize = Batch, Shift = 0, Epochs = 1 };
        // Warm-up: compile every path (both kernels, the trainer) before anything is timed.
        new MnistTrainer(dense with { Limit = 3200 }, denseTrain, denseTest).Train();
        new MnistTrainer(sparse with { Limit = 3200 }, train, test).Train();

        var denseTrainer = new MnistTrainer(dense, denseTrain, denseTest);
        var (denseEpoch, denseCpu) = ShuffledEpoch(denseTrainer);
        figures["dense_batch32_s_per_epoch"] = denseEpoch.TrainSeconds;
        figures["dense_batch32_cpu_s_per_epoch"] = denseCpu;
        figures["dense_batch32_gflops"] = FlopsPerStep * denseTrainer.BatchesPerEpoch / denseCpu / 1e9;
        figures["dense_test_accuracy"] = 100 * denseEpoch.TestAccuracy;

        var sparseTrainer = new MnistTrainer(sparse, train, test);
        var (sparseEpoch, sparseCpu) = ShuffledEpoch(sparseTrainer);
        figures["sparse_batch32_s_per_shuffled_epoch"] = sparseEpoch.TrainSeconds;
        figures["sparse_batch32_cpu_s_per_shuffled_epoch"] = sparseCpu;
        figures["sparse_test_accuracy"] = 100 * sparseEpoch.TestAccuracy;

        var (wall, cpu) = OneBatchInference(denseTrainer.Network, MnistInputs.Scale(denseTest));
        figures["dense_10k_batch_ms"] = wall * 1e3;
        figures["dense_10k_batch_cpu_ms"] = cpu * 1e3;
        (wall, cpu) = OneBatchInference(sparseTrainer.Network, MnistInputs.Scale(test));
        figures["sparse_10k_batch_ms"] = wall * 1e3;
        figures["sparse_10k_batch_cpu_ms"] = cpu * 1e3;
        figures["batch_threads"] = BlockedGemm.MaxThreads;

        KernelFigures(figures);
        Crossover(MnistInputs.Scale(train.Take(16 * Batch)), MnistInputs.Scale(test.Take(1024)), figures);
    }

    /// <summary>The same images with every pixel inverted: ink 0, background 255.</summary>
    public static MnistSet Inverted(MnistSet set)
    {
        var pixels = new byte[set.Pixels.Length];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)(255 - set.Pixels[i]);
        return new MnistSet(pixels, set.Labels);
    }

    // One shuffled epoch; its wall-clock seconds (in the epoch record) and this thread's CPU seconds for the steps.
    private static (MnistEpoch Epoch, double CpuSeconds) ShuffledEpoch(MnistTrainer trainer)
    {
        double start = ThreadCpuClock.Seconds(), end = 0;
        MnistEpoch epoch = trainer.Train(progress =>
        {
            if (progress.Batch == progress.Batches) end = ThreadCpuClock.Seconds();
        })[0];
        return (epoch, end - start);
    }

    // Seconds (wall, thread CPU) for all of inputs (count × 784) through the network's weights as one batch, best of five.
    private static (double Wall, double Cpu) OneBatchInference(Network trained, float[] inputs)
    {
        int count = inputs.Length / Inputs;
        // The trained weights in a network built for the whole test set as one batch.
        Network network = ModelConvert.ToNetwork(ModelConvert.FromNetwork(trained, "dense"), count, new SoftmaxCrossEntropy(), VectorKernels.Instance);
        var classes = new int[count];
        network.Predict(inputs, classes);
        double bestWall = double.MaxValue, bestCpu = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long start = Stopwatch.GetTimestamp();
            // The whole process's CPU time: a batch this large shares its products out over threads.
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            network.Predict(inputs, classes);
            bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds);
            bestWall = Math.Min(bestWall, Stopwatch.GetElapsedTime(start).TotalSeconds);
        }
        return (bestWall, bestCpu);
    }

    // The blocked kernel alone on the first layer's shapes (32 × 784 × 128), against the peak.
    private static void KernelFigures(IDictionary<string, double> figures)
    {
        BlockedGemm? gemm = BlockedGemm.Best;
        if (gemm == null) return;
        var rnd = new Random(1);
        float[] x = RandomArray(rnd, Batch * Inputs, 1.0), w = RandomArray(rnd, Inputs * Hidden, 1.0), b = new float[Hidden];
        float[] z = new float[Batch * Hidden], dz = RandomArray(rnd, Batch * Hidden, 1.0);
        int[] all = Enumerable.Range(0, Inputs).ToArray();
        double flops = 2.0 * Batch * Inputs * Hidden;
        figures["blocked_forward_gflops"] = flops / Best(() => gemm.MatMulAddBias(x, w, b, z, Batch, Inputs, Hidden)) / 1e9;
        figures["blocked_fused_step_gflops"] = flops / Best(() => gemm.AddWeightGradient(-1e-6f, x, dz, w, Batch, Inputs, Hidden, all, Inputs)) / 1e9;
    }

    /// <summary>
    /// The forward product and the fused weight step of the first layer (784 × 128, batch 32), each
    /// path forced, at growing shares of nonzero inputs (placed at random), and on real MNIST batches.
    /// </summary>
    private static void Crossover(float[] mnistBatches, float[] mnistLarge, IDictionary<string, double> figures)
    {
        if (BlockedGemm.Best == null) return;
        var rnd = new Random(2);
        float[] w = RandomArray(rnd, Inputs * Hidden, 1.0), b = new float[Hidden];
        float[] z = new float[Batch * Hidden], dz = RandomArray(rnd, Batch * Hidden, 1.0);
        int[] active = new int[Inputs];
        var kernels = VectorKernels.Instance;
        void Measure(string name, float[] x)
        {
            int count = kernels.NonzeroColumns(x, Batch, Inputs, active);
            void Step()
            {
                kernels.MatMulAddBias(x, w, b, z, Batch, Inputs, Hidden);
                kernels.AddWeightGradient(-1e-6f, x, dz, w, Batch, Inputs, Hidden, active, count);
            }
            try
            {
                DensePath.MinDensityOverride = 2f;   // sparse kernels only
                figures[$"crossover_{name}_sparse_us"] = Best(Step) * 1e6;
                DensePath.MinDensityOverride = 0f;   // blocked kernel only
                figures[$"crossover_{name}_blocked_us"] = Best(Step) * 1e6;
            }
            finally
            {
                DensePath.MinDensityOverride = null;
            }
        }
        foreach (double density in new[] { 0.10, 0.15, 0.20, 0.25, 0.30, 0.40, 0.60, 1.00 })
        {
            Measure($"d{density:0.00}", RandomArray(rnd, Batch * Inputs, density));
        }
        // Real MNIST batches (ink is clustered, so fewer input rows are active than at random):
        // the times of 16 consecutive batches added up, reported per batch.
        figures["crossover_mnist_density"] = (double)DensePath.CountNonzero(mnistBatches, mnistBatches.Length) / mnistBatches.Length;
        float[] one = new float[Batch * Inputs];
        double sparseSum = 0, blockedSum = 0;
        for (int batch = 0; batch < mnistBatches.Length / one.Length; batch++)
        {
            Array.Copy(mnistBatches, batch * one.Length, one, 0, one.Length);
            Measure("mnist", one);
            sparseSum += figures["crossover_mnist_sparse_us"];
            blockedSum += figures["crossover_mnist_blocked_us"];
        }
        figures["crossover_mnist_sparse_us"] = sparseSum / (mnistBatches.Length / one.Length);
        figures["crossover_mnist_blocked_us"] = blockedSum / (mnistBatches.Length / one.Length);

        // A large batch (inference): the forward product alone, 1024 rows.
        const int large = 1024;
        float[] zLarge = new float[large * Hidden];
        void MeasureLarge(string name, float[] x)
        {
            void Forward() => kernels.MatMulAddBias(x, w, b, zLarge, large, Inputs, Hidden);
            try
            {
                DensePath.MinDensityOverride = 2f;
                figures[$"crossover1024_{name}_sparse_us"] = Best(Forward) * 1e6;
                DensePath.MinDensityOverride = 0f;
                figures[$"crossover1024_{name}_blocked_us"] = Best(Forward) * 1e6;
            }
            finally
            {
                DensePath.MinDensityOverride = null;
            }
        }
        foreach (double density in new[] { 0.05, 0.10, 0.15, 0.20, 0.30 })
        {
            MeasureLarge($"d{density:0.00}", RandomArray(rnd, large * Inputs, density));
        }
        MeasureLarge("mnist", mnistLarge);
    }

    // Seconds of this thread's CPU per call: the best of 30 rounds of 10 calls (of 10 rounds of 3 for
    // calls over 1 ms), after a warm-up call. CPU time, and many short rounds, so that on a shared
    // machine the time spent waiting for a core is not counted.
    private static double Best(Action call)
    {
        double first = ThreadCpuClock.Seconds();
        call();
        bool slow = ThreadCpuClock.Seconds() - first > 1e-3;
        int rounds = slow ? 10 : 30, calls = slow ? 3 : 10;
        double best = double.MaxValue;
        for (int round = 0; round < rounds; round++)
        {
            double start = ThreadCpuClock.Seconds();
            for (int i = 0; i < calls; i++) call();
            best = Math.Min(best, (ThreadCpuClock.Seconds() - start) / calls);
        }
        return best;
    }

    private static float[] RandomArray(Random rnd, int n, double density)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.NextDouble() < density ? (float)rnd.NextDouble() : 0f;
        return a;
    }
}
