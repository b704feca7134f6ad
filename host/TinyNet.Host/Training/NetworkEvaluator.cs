using TinyNet.Host.Kernels;
using TinyNet.Layers;
using TinyNet.Training;

namespace TinyNet.Host.Training;

/// <summary>
/// Classifies a whole data set with a trained network's weights: copies them into its own
/// network built for a large batch (the training network's batch may be 1), so evaluating
/// is fast and allocates nothing after construction.
/// </summary>
public sealed class NetworkEvaluator
{
    private readonly Network _network;
    private readonly float[] _batch;
    private readonly int[] _classes;

    /// <summary>An evaluator for networks shaped like <paramref name="shapeOf"/>.</summary>
    public NetworkEvaluator(Network shapeOf, int batchSize = 250)
    {
        var layers = new Layer[shapeOf.LayerCount];
        for (int i = 0; i < layers.Length; i++)
        {
            var l = (DenseLayer)shapeOf.Layer(i);
            layers[i] = new DenseLayer(l.Inputs, l.Neurons, batchSize, l.Activation, l.HasBias, VectorKernels.Instance);
        }
        _network = new Network(layers, shapeOf.Loss);
        _batch = new float[batchSize * shapeOf.Inputs];
        _classes = new int[batchSize];
    }

    /// <summary>
    /// Predicts every sample of <paramref name="inputs"/> (count × inputs) with the weights of
    /// <paramref name="trained"/>; fills <paramref name="confusion"/> (actual × predicted, classes²) when given.
    /// Returns the fraction predicted correctly.
    /// </summary>
    public double Accuracy(Network trained, float[] inputs, byte[] labels, int[]? confusion = null)
    {
        for (int i = 0; i < trained.LayerCount; i++)
        {
            Parameter[] from = trained.Layer(i).Parameters, to = _network.Layer(i).Parameters;
            for (int p = 0; p < from.Length; p++) Array.Copy(from[p].Values, to[p].Values, from[p].Values.Length);
        }
        int width = _network.Inputs, batch = _network.BatchSize, outputs = _network.Outputs, count = labels.Length;
        if (confusion != null) Array.Clear(confusion);
        int correct = 0;
        for (int start = 0; start < count; start += batch)
        {
            int n = Math.Min(batch, count - start);
            Array.Copy(inputs, (long)start * width, _batch, 0, (long)n * width);
            if (n < batch) Array.Clear(_batch, n * width, (batch - n) * width);
            _network.Predict(_batch, _classes);
            for (int r = 0; r < n; r++)
            {
                int actual = labels[start + r], predicted = _classes[r];
                if (actual == predicted) correct++;
                if (confusion != null) confusion[actual * outputs + predicted]++;
            }
        }
        return count == 0 ? 0 : (double)correct / count;
    }
}
