using nanoFramework.TestFramework;
using TinyNet.FineTuning;
using TinyNet.Kernels;
using TinyNet.Models;
using TinyNet.Tests.Vectors;

namespace TinyNet.Device.Tests
{
    /// <summary>
    /// Fine-tuning the output layer on the device's arithmetic reaches the weights the host engine
    /// reached (tests/Vectors/FineTuneVectors.cs), and the int8 path starts from the dequantized weights.
    /// </summary>
    /// <remarks>
    /// Ten softmax steps go through Math.Exp, which a stock ESP32 computes in single precision: the
    /// tolerance allows that, and is still far below the size of one step (0.3 × a gradient of ~0.1).
    /// </remarks>
    [TestClass]
    public class FineTuningTests
    {
        private const float WeightTolerance = 1e-4f;

        /// <summary>Ten SGD steps on the tiny model give the host engine's weights and biases.</summary>
        [TestMethod]
        public void Ten_steps_give_the_host_engines_weights()
        {
            OutputLayerTuner tuner = new OutputLayerTuner(FineTuneVectors.Model(), 2, new ScalarKernels());
            byte[] pixels = FineTuneVectors.Pixels();
            for (int n = 0; n < FineTuneVectors.Steps; n++)
            {
                tuner.Train(pixels, n * FineTuneVectors.Inputs, FineTuneVectors.Label(n), FineTuneVectors.LearningRate);
            }
            for (int i = 0; i < FineTuneVectors.ExpectedWeights.Length; i++)
            {
                Tolerance.AssertClose(FineTuneVectors.ExpectedWeights[i], tuner.OutputLayer.Weights[i], WeightTolerance, "weight " + i.ToString());
            }
            for (int j = 0; j < FineTuneVectors.ExpectedBiases.Length; j++)
            {
                Tolerance.AssertClose(FineTuneVectors.ExpectedBiases[j], tuner.OutputLayer.Biases[j], WeightTolerance, "bias " + j.ToString());
            }
        }

        /// <summary>An int8 output layer is trained from w = q · scale, exactly.</summary>
        [TestMethod]
        public void An_int8_output_layer_starts_from_its_dequantized_weights()
        {
            Model model = Quantizer.Quantize(FineTuneVectors.Model());
            OutputLayerTuner tuner = new OutputLayerTuner(model, 2, new ScalarKernels());
            ModelLayer last = model.Layer(1);
            for (int k = 0; k < last.Inputs; k++)
            {
                for (int j = 0; j < last.Neurons; j++)
                {
                    int i = k * last.Neurons + j;
                    Tolerance.AssertSameBits(last.QuantizedWeights[i] * last.Scales[j], tuner.OutputLayer.Weights[i], "weight " + i.ToString());
                }
            }
        }
    }
}
