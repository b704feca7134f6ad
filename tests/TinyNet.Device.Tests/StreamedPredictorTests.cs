using TinyNet.Layers;
using TinyNet.Activations;
using TinyNet.Board;
using TinyNet.Kernels;
using TinyNet.Models;
using nanoFramework.TestFramework;

namespace TinyNet.Device.Tests
{
    /// <summary>
    /// The streamed predictor on the device's runtime, over an in-memory store (the interpreter has no
    /// file system): int8 weights read from the stored file in blocks give the in-RAM predictor's scores.
    /// </summary>
    /// <remarks>
    /// Both predictors run the same bytes with the same arithmetic in the same order, so the scores are
    /// expected to be the same bits; the comparison still allows 1e-6 so a runtime whose float
    /// arithmetic keeps extra precision in one loop and not the other reports a number, not a mystery.
    /// </remarks>
    [TestClass]
    public class StreamedPredictorTests
    {
        private const float ScoreTolerance = 1e-6f;

        /// <summary>A 784-40-10 int8 model (wider than a block of rows) with seeded-looking weights.</summary>
        private static Model Int8Model()
        {
            ModelLayer hidden = new ModelLayer(784, 40, Activation.TanhCode, WeightType.Int8, true);
            for (int i = 0; i < hidden.QuantizedWeights.Length; i++)
            {
                hidden.QuantizedWeights[i] = (sbyte)((i * 37 + 11) % 255 - 127);
            }
            for (int j = 0; j < 40; j++)
            {
                hidden.Scales[j] = 0.0005f + j * 0.00001f;
                hidden.Biases[j] = (j % 7 - 3) * 0.05f;
            }
            ModelLayer output = new ModelLayer(40, 10, Activation.SoftmaxCode, WeightType.Int8, true);
            for (int i = 0; i < output.QuantizedWeights.Length; i++)
            {
                output.QuantizedWeights[i] = (sbyte)((i * 53 + 5) % 255 - 127);
            }
            for (int j = 0; j < 10; j++)
            {
                output.Scales[j] = 0.004f + j * 0.0001f;
                output.Biases[j] = (j - 5) * 0.02f;
            }
            return new Model("streamed", new ModelLayer[] { hidden, output });
        }

        // The model's file in an in-memory store, loaded as the board loads it streamed (int8 weights left in the store).
        private static StreamedPredictor StreamedFromMemoryStore(Model model)
        {
            byte[] file = ModelFile.Write(model);
            MemoryModelStore store = new MemoryModelStore(file.Length);
            store.SetActive(file, file.Length);
            StoreFile active = new StoreFile(store, false);
            ChunkedModelReader reader = new ChunkedModelReader(256);
            Assert.IsNull(reader.Read(active, file.Length, LoadMode.StreamInt8Weights), "read error");
            return new StreamedPredictor(reader.TakeModel(), active, new ScalarKernels());
        }

        /// <summary>Streamed and in-RAM give the same class and scores on a few synthetic digits.</summary>
        [TestMethod]
        public void Streamed_matches_in_RAM_over_a_memory_store()
        {
            Model model = Int8Model();
            StreamedPredictor streamed = StreamedFromMemoryStore(model);
            Assert.IsNull(streamed.Model.Layer(0).QuantizedWeights, "the weights stayed in the store");
            Predictor inRam = new Predictor(model, new ScalarKernels());
            byte[] pixels = new byte[784];
            for (int digit = 0; digit < 5; digit++)
            {
                for (int i = 0; i < pixels.Length; i++)
                {
                    // Mostly zero like MNIST, with a stroke that moves per digit.
                    pixels[i] = (byte)((i + digit * 29) % 11 == 0 ? (i * 7 + digit) % 256 : 0);
                }
                int expected = inRam.Predict(pixels, 0);
                Assert.AreEqual(expected, streamed.Predict(pixels, 0), "class of digit " + digit.ToString());
                for (int j = 0; j < 10; j++)
                {
                    Tolerance.AssertClose(inRam.Scores[j], streamed.Scores[j], ScoreTolerance, "score " + j.ToString() + " of digit " + digit.ToString());
                }
            }
        }

        /// <summary>Float values (PREDICT_VALUES) give the in-RAM predictor's scores streamed too.</summary>
        [TestMethod]
        public void Streamed_matches_in_RAM_on_float_values()
        {
            Model model = Int8Model();
            StreamedPredictor streamed = StreamedFromMemoryStore(model);
            Predictor inRam = new Predictor(model, new ScalarKernels());
            float[] values = new float[784];
            for (int i = 0; i < values.Length; i++)
            {
                // Raw sensor-like values, signed and beyond 0..1, a third of them zero.
                values[i] = i % 3 == 0 ? 0f : (i % 17 - 8) * 1.75f;
            }
            int expected = inRam.Predict(values);
            Assert.AreEqual(expected, streamed.Predict(values), "class");
            for (int j = 0; j < 10; j++)
            {
                Tolerance.AssertClose(inRam.Scores[j], streamed.Scores[j], ScoreTolerance, "score " + j.ToString());
            }
        }

        /// <summary>On the esp32 profile the board loads the 784-128-10 int8 model streamed.</summary>
        [TestMethod]
        public void Esp32_board_streams_the_default_model_shape()
        {
            ModelLayer hidden = new ModelLayer(784, 128, Activation.TanhCode, WeightType.Int8, true);
            ModelLayer output = new ModelLayer(128, 10, Activation.SoftmaxCode, WeightType.Int8, true);
            for (int j = 0; j < 128; j++)
            {
                hidden.Scales[j] = 0.001f;
            }
            for (int j = 0; j < 10; j++)
            {
                output.Scales[j] = 0.001f;
            }
            Model model = new Model("default", new ModelLayer[] { hidden, output });
            ModelFit fit = ModelFit.Of(model, ModelFile.FileBytes(model), BoardProfile.Esp32);
            Assert.IsFalse(fit.RunsInRam, "in RAM on the esp32");
            Assert.IsTrue(fit.Runs, "streamed on the esp32");
        }
    }
}
