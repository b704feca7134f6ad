using TinyNet.Activations;
using TinyNet.Board;
using TinyNet.Layers;
using TinyNet.Lessons;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Bench
{
    /// <summary>
    /// The device benchmark: how long a prediction and a neuron-lesson step take on the machine this
    /// runs on. One piece of code for the board's BENCH request, the nanoFramework bench program
    /// (device/TinyNet.Device.Bench) and the host, so their figures are for the same work.
    /// </summary>
    /// <remarks>
    /// The digits and models are generated from fixed seeds, so every run on every machine does the
    /// same arithmetic: <see cref="DigitCount"/> digits with about a fifth of their pixels lit, as in
    /// MNIST (the kernels skip zero pixels, so the share matters). Each figure is the fastest of
    /// <see cref="Runs"/> runs after one warm-up run, as the maintainers measure on nanoCLR.
    /// </remarks>
    public sealed class DeviceBenchmark
    {
        /// <summary>Digits timed per run.</summary>
        public const int DigitCount = 20;

        /// <summary>Pixels per digit (28 × 28).</summary>
        public const int PixelsPerDigit = 784;

        /// <summary>Timed runs per figure; the fastest counts.</summary>
        public const int Runs = 3;

        /// <summary>Neuron-lesson steps per table timed per run (the lesson has two tables).</summary>
        public const int LessonSteps = 100;

        private readonly IBoardClock _clock;
        private readonly byte[] _digits;

        /// <summary>A benchmark timed by <paramref name="clock"/>.</summary>
        public DeviceBenchmark(IBoardClock clock)
        {
            _clock = clock;
            _digits = GenerateDigits(DigitCount, 7);
        }

        /// <summary>The <see cref="DigitCount"/> generated digits, one after another.</summary>
        public byte[] Digits { get { return _digits; } }

        /// <summary>
        /// <paramref name="count"/> digit-like images of 784 bytes: a few thick strokes, about a fifth of
        /// the pixels nonzero (MNIST's share), the same for the same seed everywhere.
        /// </summary>
        public static byte[] GenerateDigits(int count, uint seed)
        {
            Prng rng = new Prng(seed);
            byte[] digits = new byte[count * PixelsPerDigit];
            for (int n = 0; n < count; n++)
            {
                int start = n * PixelsPerDigit;
                for (int stroke = 0; stroke < 4; stroke++)
                {
                    // A straight stroke 3 pixels wide between two points of the central 20 × 20 box.
                    int x0 = 4 + rng.NextInt(20), y0 = 4 + rng.NextInt(20);
                    int x1 = 4 + rng.NextInt(20), y1 = 4 + rng.NextInt(20);
                    for (int t = 0; t <= 16; t++)
                    {
                        int x = x0 + (x1 - x0) * t / 16;
                        int y = y0 + (y1 - y0) * t / 16;
                        for (int dy = -1; dy <= 1; dy++)
                        {
                            for (int dx = -1; dx <= 1; dx++)
                            {
                                int px = x + dx, py = y + dy;
                                if (px >= 0 && px < 28 && py >= 0 && py < 28)
                                {
                                    digits[start + py * 28 + px] = (byte)(dx == 0 && dy == 0 ? 255 : 128 + rng.NextInt(128));
                                }
                            }
                        }
                    }
                }
            }
            return digits;
        }

        /// <summary>
        /// A 784-<paramref name="hidden"/>-10 tanh/softmax model with random weights (int8 or float32,
        /// <see cref="WeightType"/>), the same for the same seed: its speed is a real model's.
        /// </summary>
        public static Model GenerateModel(int hidden, int weightType, uint seed)
        {
            return GenerateModel(new int[] { PixelsPerDigit, hidden, 10 }, weightType, seed);
        }

        /// <summary>
        /// A model of the given shape (inputs, then each layer's neurons; tanh layers and a softmax
        /// output) with random weights, the same for the same seed.
        /// </summary>
        public static Model GenerateModel(int[] shape, int weightType, uint seed)
        {
            Prng rng = new Prng(seed);
            ModelLayer[] layers = new ModelLayer[shape.Length - 1];
            string name = "bench-" + shape[0].ToString();
            for (int i = 0; i < layers.Length; i++)
            {
                bool last = i == layers.Length - 1;
                layers[i] = new ModelLayer(shape[i], shape[i + 1], last ? Activation.SoftmaxCode : Activation.TanhCode, weightType, true);
                // Weights of about 1/√inputs keep the tanh layers out of saturation, as a trained model.
                Fill(layers[i], rng, 1.5f / (float)System.Math.Sqrt(shape[i]));
                name = name + "-" + shape[i + 1].ToString();
            }
            return new Model(name, layers);
        }

        private static void Fill(ModelLayer layer, Prng rng, float limit)
        {
            for (int j = 0; j < layer.Neurons; j++)
            {
                layer.Biases[j] = rng.NextSymmetric(0.1f);
            }
            if (layer.IsQuantized)
            {
                for (int i = 0; i < layer.QuantizedWeights.Length; i++)
                {
                    layer.QuantizedWeights[i] = (sbyte)(rng.NextInt(255) - 127);
                }
                for (int j = 0; j < layer.Neurons; j++)
                {
                    layer.Scales[j] = limit / 127f;
                }
            }
            else
            {
                for (int i = 0; i < layer.Weights.Length; i++)
                {
                    layer.Weights[i] = rng.NextSymmetric(limit);
                }
            }
        }

        /// <summary>Microseconds per digit for <paramref name="predictor"/> over the generated digits (fastest run).</summary>
        public float MicrosecondsPerDigit(IPredictor predictor)
        {
            RunDigits(predictor); // warm-up
            long best = long.MaxValue;
            for (int run = 0; run < Runs; run++)
            {
                long start = _clock.Microseconds;
                RunDigits(predictor);
                long took = _clock.Microseconds - start;
                if (took < best)
                {
                    best = took;
                }
            }
            return best / (float)DigitCount;
        }

        private void RunDigits(IPredictor predictor)
        {
            for (int n = 0; n < DigitCount; n++)
            {
                predictor.Predict(_digits, n * PixelsPerDigit);
            }
        }

        /// <summary>
        /// Microseconds per step of the neuron lesson (forward, backward and SGD step of one neuron, as
        /// the lesson stream runs it; fastest run). Building the lesson is not timed.
        /// </summary>
        public float MicrosecondsPerLessonStep()
        {
            long best = long.MaxValue;
            int steps = 1;
            for (int run = 0; run <= Runs; run++)
            {
                Lesson lesson = LessonCatalog.Create("neuron");
                lesson.Start(LessonSteps, 0f);
                float[] row = new float[lesson.MaxColumns];
                int count = 0;
                long start = _clock.Microseconds;
                while (lesson.Next(row) >= 0)
                {
                    count++;
                }
                long took = _clock.Microseconds - start;
                if (run > 0 && took < best)
                {
                    best = took; // run 0 is the warm-up
                    steps = count;
                }
            }
            return best / (float)(steps > 0 ? steps : 1);
        }

        /// <summary>Free managed memory in bytes as the clock reports it (the device's GC figure).</summary>
        public int FreeMemoryBytes()
        {
            return _clock.FreeMemoryBytes();
        }

        /// <summary>
        /// The bench program's whole run: µs per digit for 784-38-10 and 784-128-10 int8 and 784-38-10
        /// float32 in RAM, the streamed predictor's line, µs per neuron-lesson step and the free memory
        /// before and after, one line each to <paramref name="output"/> as it is measured.
        /// </summary>
        public void RunAll(IBenchOutput output)
        {
            int freeBefore = FreeMemoryBytes();
            output.Line("TinyNet device benchmark: " + DigitCount.ToString() + " generated digits, fastest of "
                + Runs.ToString() + " runs");
            TimeModel(output, 38, WeightType.Int8);
            TimeModel(output, 128, WeightType.Int8);
            TimeModel(output, 38, WeightType.Float32);
            TimeStreamed(output, 128);
            output.Line("neuron lesson: " + Figure(MicrosecondsPerLessonStep()) + " us per step");
            output.Line("free memory: " + freeBefore.ToString() + " bytes before, " + FreeMemoryBytes().ToString() + " bytes after");
        }

        private void TimeModel(IBenchOutput output, int hidden, int weightType)
        {
            Model model = GenerateModel(hidden, weightType, 11);
            Predictor predictor = new Predictor(model, new Kernels.ScalarKernels());
            output.Line("784-" + hidden.ToString() + "-10 " + WeightType.Name(weightType) + " in RAM: "
                + Figure(MicrosecondsPerDigit(predictor)) + " us per digit");
        }

        // The int8 weights read from a model store during every prediction, as a board whose heap cannot
        // hold them runs the model; the store is in memory so that nanoCLR without a file system runs it too.
        private void TimeStreamed(IBenchOutput output, int hidden)
        {
            Model model = GenerateModel(hidden, WeightType.Int8, 11);
            byte[] file = ModelFile.Write(model);
            MemoryModelStore store = new MemoryModelStore(file.Length);
            store.SetActive(file, file.Length);
            StoreFile active = new StoreFile(store, false);
            ChunkedModelReader reader = new ChunkedModelReader(256);
            string problem = reader.Read(active, file.Length, LoadMode.StreamInt8Weights);
            if (problem != null)
            {
                output.Line("784-" + hidden.ToString() + "-10 int8 streamed: " + problem);
                return;
            }
            StreamedPredictor predictor = new StreamedPredictor(reader.TakeModel(), active, new Kernels.ScalarKernels());
            output.Line("784-" + hidden.ToString() + "-10 int8 streamed: "
                + Figure(MicrosecondsPerDigit(predictor)) + " us per digit");
        }

        /// <summary>A figure in microseconds with one decimal, the same on every platform.</summary>
        public static string Figure(float microseconds)
        {
            long tenths = (long)(microseconds * 10f + 0.5f);
            return (tenths / 10).ToString() + "." + (tenths % 10).ToString();
        }
    }
}
