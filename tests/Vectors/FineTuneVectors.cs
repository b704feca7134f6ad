using TinyNet.Activations;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Tests.Vectors
{
    /// <summary>
    /// A tiny fine-tuning run both test projects repeat: a seeded 12-6-4 model, ten seeded samples, ten
    /// SGD steps on the output layer. The expected output layer was computed by the host engine
    /// (OutputLayerTuner on .NET, checked against SGD written out by hand in the host tests); the device
    /// test must reach the same weights on the board's arithmetic. Shared by tests/TinyNet.Tests and
    /// tests/TinyNet.Device.Tests, so it is written in nanoFramework's C#.
    /// </summary>
    public static class FineTuneVectors
    {
        /// <summary>Inputs of the model.</summary>
        public const int Inputs = 12;
        /// <summary>Hidden neurons (ReLU).</summary>
        public const int Hidden = 6;
        /// <summary>Classes (softmax).</summary>
        public const int Classes = 4;
        /// <summary>Training steps, one sample each.</summary>
        public const int Steps = 10;
        /// <summary>SGD step size.</summary>
        public const float LearningRate = 0.3f;

        /// <summary>The model: weights in ±0.5 and biases in ±0.1, drawn in layer order from seed 5.</summary>
        public static Model Model()
        {
            Prng random = new Prng(5);
            ModelLayer first = new ModelLayer(Inputs, Hidden, Activation.ReluCode, WeightType.Float32, true);
            ModelLayer last = new ModelLayer(Hidden, Classes, Activation.SoftmaxCode, WeightType.Float32, true);
            Fill(first, random);
            Fill(last, random);
            return new Model("tiny", new ModelLayer[] { first, last });
        }

        /// <summary>The samples' bytes (Steps × Inputs), drawn from seed 6.</summary>
        public static byte[] Pixels()
        {
            Prng random = new Prng(6);
            byte[] pixels = new byte[Steps * Inputs];
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)random.NextInt(256);
            }
            return pixels;
        }

        /// <summary>The label of sample n.</summary>
        public static int Label(int n)
        {
            return n % Classes;
        }

        /// <summary>The output layer's weights after the steps (Hidden × Classes, row-major).</summary>
        public static readonly float[] ExpectedWeights = new float[]
        {
            0.3186193f, -0.47980523f, -0.19394162f, -0.13313717f,
            -0.15559939f, 0.33836663f, -0.11456144f, 0.23482192f,
            -0.05318821f, 0.20110017f, -0.29225403f, -0.28982422f,
            -0.30998042f, -0.047462992f, -0.09649425f, -0.12050496f,
            -0.079728745f, 0.43865976f, 0.26611018f, -0.026131278f,
            -0.5225411f, 0.24408948f, 0.20143011f, -0.08157332f
        };

        /// <summary>The output layer's biases after the steps.</summary>
        public static readonly float[] ExpectedBiases = new float[]
        {
            0.23665605f, -0.010627553f, -0.015609585f, -0.012295626f
        };

        private static void Fill(ModelLayer layer, Prng random)
        {
            for (int i = 0; i < layer.Weights.Length; i++)
            {
                layer.Weights[i] = random.NextSymmetric(0.5f);
            }
            for (int i = 0; i < layer.Biases.Length; i++)
            {
                layer.Biases[i] = random.NextSymmetric(0.1f);
            }
        }
    }
}
