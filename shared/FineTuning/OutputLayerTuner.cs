using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.FineTuning
{
    /// <summary>
    /// Fine-tunes the output layer of a stored model (float32 or int8) on labelled samples: the
    /// other layers stay frozen and run as stored; the output layer becomes a float32
    /// <see cref="DenseLayer"/> (int8 weights dequantized, w = q · scale) trained by the engine's
    /// <see cref="Sgd"/> on softmax cross-entropy, one sample per step.
    /// </summary>
    /// <remarks>
    /// Every buffer is allocated in the constructor; <see cref="Train"/>, both Predict overloads and
    /// an epoch allocate nothing. The memory it needs is <see cref="RequiredBytes"/>, built from the
    /// layer contract's size functions so a board can refuse up front. Only the output layer is
    /// trained: it is what adapts a classifier to a new style of the same classes (TinyOL), and it
    /// is the one layer whose float copy fits next to the model on a small board.
    /// </remarks>
    public sealed class OutputLayerTuner
    {
        /// <summary>Bytes the streaming writer of KEEP uses (see <see cref="ModelStreamWriter"/>).</summary>
        public const int WriteBlockBytes = 256;

        private readonly Model _model;
        private readonly Predictor _frozen;     // the layers before the output layer, or null for a one-layer model
        private readonly float[] _input;        // the scaled input when there is no frozen part
        private readonly DenseLayer _output;
        private readonly Network _network;
        private readonly Sgd _sgd;
        private readonly float[] _target;
        private readonly SampleBuffer _samples;
        private readonly TrainingStep _step = new TrainingStep();
        private int _seen;
        private int _correct;

        /// <summary>
        /// Prepares fine-tuning of <paramref name="model"/>'s output layer with room for
        /// <paramref name="samples"/> kept samples. Check <see cref="Refusal"/> first: this allocates
        /// <see cref="RequiredBytes"/> (minus what KEEP needs later).
        /// </summary>
        public OutputLayerTuner(Model model, int samples, ScalarKernels kernels)
        {
            string problem = Unsupported(model);
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }
            _model = model;
            int count = model.LayerCount;
            ModelLayer last = model.Layer(count - 1);
            if (count > 1)
            {
                ModelLayer[] frozen = new ModelLayer[count - 1];
                for (int i = 0; i < frozen.Length; i++)
                {
                    frozen[i] = model.Layer(i);
                }
                _frozen = new Predictor(new Model(model.Name, frozen), kernels);
            }
            else
            {
                _input = new float[model.Inputs];
            }
            _output = new DenseLayer(last.Inputs, last.Neurons, 1, Activation.FromCode(last.ActivationCode), last.HasBias, kernels);
            _network = new Network(new Layer[] { _output }, new SoftmaxCrossEntropy());
            _sgd = new Sgd(_network, 0.01f, kernels);
            _target = new float[last.Neurons];
            _samples = new SampleBuffer(samples, model.Inputs);
            Revert();
        }

        /// <summary>Why <paramref name="model"/>'s output layer cannot be fine-tuned, or null.</summary>
        public static string Unsupported(Model model)
        {
            if (model == null)
            {
                return "no model is loaded: flash one first";
            }
            ModelLayer last = model.Layer(model.LayerCount - 1);
            if (last.ActivationCode != Activation.SoftmaxCode)
            {
                return "fine-tuning trains a softmax output layer with cross-entropy, and this model's output layer is not softmax";
            }
            if (last.Neurons > 255)
            {
                return "fine-tuning takes labels of one byte, and this model has " + last.Neurons.ToString() + " classes";
            }
            return null;
        }

        /// <summary>
        /// Bytes fine-tuning <paramref name="model"/> needs on top of the loaded model, keeping
        /// <paramref name="samples"/> samples: the trainable float32 output layer
        /// (<see cref="DenseLayer.TrainingBytes(int,int,int)"/>), the loss gradient and one-hot target, the
        /// frozen layers' activation buffers, the sample buffer, and what KEEP builds (the output
        /// layer as a stored float32 layer, plus its int8 form for an int8 model, and a write block).
        /// Array headers are not counted.
        /// </summary>
        public static int RequiredBytes(Model model, int samples)
        {
            int count = model.LayerCount;
            ModelLayer last = model.Layer(count - 1);
            int bytes = DenseLayer.TrainingBytes(last.Inputs, last.Neurons, 1);
            bytes += 2 * 4 * last.Neurons;                       // dL/dY and the one-hot target
            bytes += 4 * model.Inputs;                           // the frozen part's (or the tuner's) scaled input
            for (int i = 0; i < count - 1; i++)
            {
                bytes += 2 * 4 * model.Layer(i).Neurons;         // Z and Y of each frozen layer
            }
            bytes += SampleBuffer.Bytes(samples, model.Inputs);
            bytes += ModelFormat.LayerPayloadBytes(last.Inputs, last.Neurons, WeightType.Float32, last.HasBias);
            if (last.IsQuantized)
            {
                bytes += ModelFormat.LayerPayloadBytes(last.Inputs, last.Neurons, WeightType.Int8, last.HasBias);
            }
            return bytes + WriteBlockBytes;
        }

        /// <summary>
        /// Why fine-tuning <paramref name="model"/> does not fit in <paramref name="heapBytes"/> next
        /// to the model itself (<see cref="Predictor.RequiredRamBytes"/>), with the numbers; null when it fits.
        /// </summary>
        public static string Refusal(Model model, int heapBytes, int samples)
        {
            string problem = Unsupported(model);
            if (problem != null)
            {
                return problem;
            }
            long running = Predictor.RequiredRamBytes(model);
            long tuning = RequiredBytes(model, samples);
            if (running + tuning > heapBytes)
            {
                return "fine-tuning needs " + tuning.ToString() + " bytes of RAM on top of the model's " + running.ToString()
                    + ", and the board has " + heapBytes.ToString() + ": use a smaller model or a board with more memory";
            }
            return null;
        }

        /// <summary>The model being fine-tuned (its output layer as stored, not the adapted one).</summary>
        public Model Model { get { return _model; } }

        /// <summary>The trainable output layer: its Weights and Biases are the adapted parameters.</summary>
        public DenseLayer OutputLayer { get { return _output; } }

        /// <summary>The samples kept for an epoch.</summary>
        public SampleBuffer Samples { get { return _samples; } }

        /// <summary>Training steps since the adaptation started.</summary>
        public int Seen { get { return _seen; } }

        /// <summary>Of <see cref="Seen"/>, the steps whose sample was predicted right before the update.</summary>
        public int Correct { get { return _correct; } }

        /// <summary>The last prediction's scores (softmax probabilities).</summary>
        public float[] Scores { get { return _output.Outputs; } }

        /// <summary>
        /// Puts the output layer back to the stored model's (dequantized) weights and biases and
        /// forgets the kept samples and counts.
        /// </summary>
        public void Revert()
        {
            ModelLayer last = _model.Layer(_model.LayerCount - 1);
            float[] w = _output.Weights;
            if (last.IsQuantized)
            {
                int neurons = last.Neurons;
                for (int k = 0; k < last.Inputs; k++)
                {
                    int row = k * neurons;
                    for (int j = 0; j < neurons; j++)
                    {
                        w[row + j] = last.QuantizedWeights[row + j] * last.Scales[j];
                    }
                }
            }
            else
            {
                System.Array.Copy(last.Weights, w, w.Length);
            }
            if (last.HasBias)
            {
                System.Array.Copy(last.Biases, _output.Biases, last.Neurons);
            }
            _samples.Clear();
            _seen = 0;
            _correct = 0;
        }

        /// <summary>Runs the adapted model on raw input bytes (scaled by 1/255); returns the predicted class.</summary>
        public int Predict(byte[] pixels, int offset)
        {
            _network.Forward(Hidden(pixels, offset));
            return Network.ArgMax(_output.Outputs, 0, _output.Neurons);
        }

        /// <summary>Runs the adapted model on <paramref name="input"/> (Model.Inputs floats, used as they are); returns the predicted class.</summary>
        public int Predict(float[] input)
        {
            _network.Forward(Hidden(input));
            return Network.ArgMax(_output.Outputs, 0, _output.Neurons);
        }

        /// <summary>
        /// One SGD step with <paramref name="learningRate"/> on one sample (raw bytes and its label),
        /// after recording its loss and prediction, which it returns (the same object every call).
        /// </summary>
        public TrainingStep Train(byte[] pixels, int offset, int label, float learningRate)
        {
            float[] y = _network.Forward(Hidden(pixels, offset));
            _target[label] = 1f;
            _step.Loss = _network.LossValue(_target);
            _step.Predicted = Network.ArgMax(y, 0, _output.Neurons);
            _step.Correct = _step.Predicted == label;
            _sgd.LearningRate = learningRate;
            _sgd.BackwardAndStep(_target);
            _target[label] = 0f;
            _seen++;
            if (_step.Correct)
            {
                _correct++;
            }
            return _step;
        }

        /// <summary>
        /// The adapted model for KEEP: the frozen layers as stored, the class names kept, and the output layer in the stored
        /// layer's weight type (an int8 output layer is re-quantized with <see cref="Quantizer"/>, so
        /// the file keeps its size). Allocates the new output layer.
        /// </summary>
        public Model AdaptedModel()
        {
            int count = _model.LayerCount;
            ModelLayer last = _model.Layer(count - 1);
            ModelLayer trained = new ModelLayer(last.Inputs, last.Neurons, last.ActivationCode, WeightType.Float32, last.HasBias);
            System.Array.Copy(_output.Weights, trained.Weights, trained.Weights.Length);
            if (last.HasBias)
            {
                System.Array.Copy(_output.Biases, trained.Biases, last.Neurons);
            }
            ModelLayer[] layers = new ModelLayer[count];
            for (int i = 0; i < count - 1; i++)
            {
                layers[i] = _model.Layer(i);
            }
            layers[count - 1] = last.IsQuantized ? Quantizer.QuantizeLayer(trained) : trained;
            return new Model(_model.Name, layers, _model.ClassNames);
        }

        // The frozen layers' output for float inputs; copied when there are none, so the caller's buffer is never the network's.
        private float[] Hidden(float[] input)
        {
            if (_frozen != null)
            {
                _frozen.Predict(input);
                return _frozen.Scores;
            }
            System.Array.Copy(input, _input, _input.Length);
            return _input;
        }

        // The frozen layers' output for the raw input: what the output layer sees.
        private float[] Hidden(byte[] pixels, int offset)
        {
            if (_frozen != null)
            {
                _frozen.Predict(pixels, offset);
                return _frozen.Scores;
            }
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = pixels[offset + i] * Predictor.PixelScale;
            }
            return _input;
        }
    }
}
