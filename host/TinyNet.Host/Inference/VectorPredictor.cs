using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Host.Inference;

/// <summary>
/// The host's one-at-a-time inference for float32 models: the same answers as the shared
/// <see cref="Predictor"/> (the board's path), without its per-call costs.
/// </summary>
/// <remarks>
/// At a million images a second a prediction has a microsecond, so what the shared Predictor
/// does besides the multiply-adds counts: scaling all 784 pixels to float and then searching the
/// floats for nonzeros, two passes of 64 neurons over the input list, and softmax through
/// Math.Exp in double. Here only the positions of the nonzero pixel bytes are listed (zero pixels,
/// ~81 % of MNIST, are skipped sixteen at a time, without a branch) and the first layer reads each
/// byte itself; each layer's weights are copied once into rows padded to whole vectors and starting
/// on cache-line boundaries (a Vector512 load that straddles two lines cost 18 % more in the first
/// layer); up to 128 neurons are kept in registers at once (Vector512, else 64 with Vector256) for
/// one pass over the inputs; the layers after the first take every input (their inputs are dense).
/// For a 128-hidden tanh → softmax model (MNIST's) the whole tail runs in registers: tanh and exp
/// written inline (Vector512.Exp is a call), the output layer's weights transposed so 10 classes
/// take 80 row loads, softmax and argmax without a copy. What is left is mostly the first layer's
/// weight traffic: ~150 inked pixels × 512 bytes of weights from L2 per image, which no order of
/// the work avoids for one image at a time (docs/benchmarks.md, "One-at-a-time inference").
/// The first layer adds the same products in the same order as <see cref="VectorKernels"/> (bias
/// first, then each nonzero input in ascending order, fused multiply-adds, the same byte × 1/255
/// product), so its sums are the same bits; later layers add in another order, and the inline tanh
/// and exp are within ~1.5e-7 of Math.Tanh and Math.Exp: scores agree with the scalar reference to
/// rounding (tests/TinyNet.Tests/Inference), classes are the same.
/// Int8 models keep the shared Predictor (its byte × int8 kernel is already exact integer work).
/// </remarks>
public sealed class VectorPredictor : IPredictor
{
    /// <summary>Each layer's weight rows and sums are padded to a multiple of this many neurons (one Vector512, two Vector256).</summary>
    private const int Pad = 16;

    private readonly Model _model;
    private readonly Activation[] _activations;
    private readonly int[] _activationCodes; // per layer: Activation.*Code, switched on without a virtual call
    private readonly float[][] _weights;    // per layer: Inputs rows of Stride floats, zero past Neurons
    private readonly float[][] _biases;     // per layer: Stride floats (zeros without a bias)
    private readonly int[] _weightStarts;  // per layer: index of the first weight, on a 64-byte boundary
    private readonly int[] _strides;
    private readonly int[] _inputs;         // per layer: its number of inputs
    private readonly float[][] _sums;       // per layer: Stride pre-activations
    private readonly float[][] _outputs;    // per layer: activations, Stride floats for hidden layers, Neurons for the last (the scores)
    private readonly float[]? _outputRows;  // the tanh → softmax tail (FusedTail): the last layer's weights per class, 128 floats each
    private readonly int _outputRowsStart;  // ... from this index, on a 64-byte boundary
    private readonly Vector512<float>[] _classSums = new Vector512<float>[16];  // the tail's per-class lane sums (zero past the classes)
    private readonly int[] _indices;        // the first layer's nonzero inputs: positions
    private readonly float[] _values;       // ... and values (float inputs; pixel bytes are read where used, with AVX-512)

    /// <summary>Copies <paramref name="model"/>'s float weights into padded rows and allocates every buffer.</summary>
    /// <exception cref="ArgumentException">A layer is int8, or its weights are not in memory (use <see cref="Predictor"/>).</exception>
    public VectorPredictor(Model model)
    {
        if (!CanRun(model)) throw new ArgumentException("VectorPredictor runs float32 models with every weight in memory and known activations; use Predictor for this one", nameof(model));
        _model = model;
        int count = model.LayerCount;
        _activations = new Activation[count];
        _activationCodes = new int[count];
        _inputs = new int[count];
        _weights = new float[count][];
        _biases = new float[count][];
        _strides = new int[count];
        _weightStarts = new int[count];
        _sums = new float[count][];
        _outputs = new float[count][];
        for (int i = 0; i < count; i++)
        {
            ModelLayer layer = model.Layer(i);
            int stride = (layer.Neurons + Pad - 1) / Pad * Pad;
            _strides[i] = stride;
            _activations[i] = Activation.FromCode(layer.ActivationCode);
            _activationCodes[i] = layer.ActivationCode;
            _inputs[i] = layer.Inputs;
            _weights[i] = AlignedCopy(layer.Weights, layer.Inputs, layer.Neurons, stride, out _weightStarts[i]);
            _biases[i] = new float[stride];
            if (layer.HasBias) Array.Copy(layer.Biases, _biases[i], layer.Neurons);
            _sums[i] = new float[stride];
            _outputs[i] = new float[i == count - 1 ? layer.Neurons : stride];
        }
        _indices = new int[model.Inputs];
        _values = new float[model.Inputs];
        if (FusedTail(model))
        {
            // Transposed: one row of hidden-layer weights per class, so each class's sum is eight
            // lane-wise multiply-adds with the tanh outputs in registers (80 loads of 64 bytes for
            // 10 classes, where rows of 16 padded classes would take 128).
            ModelLayer output = model.Layer(1);
            _outputRows = AlignedArray(output.Neurons * HiddenWidth, out _outputRowsStart);
            for (int j = 0; j < output.Neurons; j++)
            {
                for (int k = 0; k < output.Inputs; k++) _outputRows[_outputRowsStart + j * HiddenWidth + k] = output.Weights[k * output.Neurons + j];
            }
        }
    }

    /// <summary>Hidden neurons the fused tail takes: eight Vector512 accumulators of the first layer.</summary>
    private const int HiddenWidth = 128;

    /// <summary>
    /// True for the shape one-at-a-time MNIST serves, where the whole tail after the first layer's
    /// loop runs in registers: two layers, 113–128 tanh hidden neurons (one 128-wide block), softmax
    /// over at most 16 classes, AVX-512.
    /// </summary>
    private static bool FusedTail(Model model) =>
        Avx512F.IsSupported && model.LayerCount == 2
        && model.Layer(0).Neurons > HiddenWidth - Pad && model.Layer(0).Neurons <= HiddenWidth && model.Layer(0).ActivationCode == Activation.TanhCode
        && model.Layer(1).Neurons <= 16 && model.Layer(1).ActivationCode == Activation.SoftmaxCode;

    /// <summary>
    /// The inputs × neurons weights in rows of <paramref name="stride"/> floats (zeros after the
    /// neurons), starting at a 64-byte boundary (index <paramref name="start"/>) in an array that the
    /// GC never moves: a Vector512 load that straddles two cache lines costs two, and every row
    /// starts on a boundary when the first does (a stride of 16 floats is 64 bytes).
    /// </summary>
    private static float[] AlignedCopy(float[] weights, int inputs, int neurons, int stride, out int start)
    {
        float[] rows = AlignedArray(inputs * stride, out start);
        for (int k = 0; k < inputs; k++)
            Array.Copy(weights, k * neurons, rows, start + k * stride, neurons);
        return rows;
    }

    /// <summary>A zeroed array the GC never moves, with room for <paramref name="length"/> floats from index <paramref name="start"/>, a 64-byte boundary.</summary>
    private static unsafe float[] AlignedArray(int length, out int start)
    {
        const int Alignment = 64;
        float[] array = GC.AllocateArray<float>(length + Alignment / sizeof(float), pinned: true);
        long address = (long)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
        start = (int)((Alignment - address % Alignment) % Alignment / sizeof(float));
        return array;
    }

    /// <summary>True when this predictor can run <paramref name="model"/>: every layer float32, in memory, with a known activation.</summary>
    public static bool CanRun(Model model)
    {
        if (model.LayerCount == 0) return false;
        for (int i = 0; i < model.LayerCount; i++)
        {
            ModelLayer layer = model.Layer(i);
            if (layer.IsQuantized || layer.Weights == null || Activation.FromCode(layer.ActivationCode) == null) return false;
        }
        return true;
    }

    /// <summary>The model this predictor runs.</summary>
    public Model Model => _model;

    /// <summary>False: every weight is in memory.</summary>
    public bool Streamed => false;

    /// <summary>The last prediction's outputs (one score per class; probabilities for softmax).</summary>
    public float[] Scores => _outputs[^1];

    /// <summary>
    /// Runs the model on <see cref="Model"/>.Inputs bytes of <paramref name="pixels"/> from
    /// <paramref name="offset"/>, each meaning byte / 255 (<see cref="Predictor.PixelScale"/>); returns the best class.
    /// </summary>
    public int Predict(byte[] pixels, int offset)
    {
        int inputs = _model.Inputs;
        if ((uint)offset > (uint)pixels.Length || inputs > pixels.Length - offset)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{inputs} input bytes from {offset} run past the {pixels.Length}-byte array");
        if (Avx512F.IsSupported)
        {
            // Only the positions are listed; the first layer reads each byte where it needs it,
            // which costs nothing in a loop that waits on its weight loads, and halves the listing.
            int count = VectorKernels.ListNonzeroBytePositions(pixels, offset, inputs, _indices);
            Layer<PixelValues>(_indices, _values, pixels, offset, count, _weights[0], _weightStarts[0], _biases[0], _strides[0], _sums[0]);
        }
        else
        {
            int count = VectorKernels.ListNonzeroBytes(pixels, offset, inputs, Predictor.PixelScale, _indices, _values);
            Layer<ListedValues>(_indices, _values, NoPixels, 0, count, _weights[0], _weightStarts[0], _biases[0], _strides[0], _sums[0]);
        }
        return AfterFirstLayer();
    }

    /// <summary>Runs the model on <paramref name="input"/> (Model.Inputs floats); returns the best class.</summary>
    public int Predict(float[] input)
    {
        if (input.Length < _model.Inputs) throw new ArgumentException($"input has {input.Length} values, the model takes {_model.Inputs}", nameof(input));
        int count = VectorKernels.ListNonzero(input, 0, _model.Inputs, _indices, _values);
        Layer<ListedValues>(_indices, _values, NoPixels, 0, count, _weights[0], _weightStarts[0], _biases[0], _strides[0], _sums[0]);
        return AfterFirstLayer();
    }

    // The pixel array the float path passes (its values are listed; no byte is read).
    private static readonly byte[] NoPixels = [];

    /// <summary>Where the first layer's input values come from (a struct per source, so each kernel is compiled for it, without a call).</summary>
    private interface IInputValues
    {
        /// <summary>The value of the <paramref name="i"/>-th listed input, at <paramref name="position"/> in the input.</summary>
        static abstract float At(ref float listed, ref byte pixels, int i, int position);
    }

    /// <summary>Values listed beside their positions (float inputs).</summary>
    private readonly struct ListedValues : IInputValues
    {
        public static float At(ref float listed, ref byte pixels, int i, int position) => Unsafe.Add(ref listed, i);
    }

    /// <summary>The pixel byte at the position, scaled as <see cref="VectorKernels.ListNonzeroBytes"/> scales it (the same float product).</summary>
    private readonly struct PixelValues : IInputValues
    {
        public static float At(ref float listed, ref byte pixels, int i, int position) => Unsafe.Add(ref pixels, position) * Predictor.PixelScale;
    }

    // Runs the layers after the first (whose sums are in _sums[0]); returns the best class.
    private int AfterFirstLayer()
    {
        if (_outputRows != null) return TanhSoftmaxTail(_sums[0], _outputRows, _outputRowsStart, _classSums, _biases[1], _outputs[1]);
        int last = _weights.Length - 1;
        for (int i = 1; i <= last; i++)
        {
            // A hidden layer's activations are dense (tanh is zero only at zero), so the next layer
            // takes every input instead of listing the nonzero ones.
            Activate(_activationCodes[i - 1], _activations[i - 1], _sums[i - 1], _outputs[i - 1], _inputs[i]);
            DenseLayer(_outputs[i - 1], _inputs[i], _weights[i], _weightStarts[i], _biases[i], _strides[i], _sums[i]);
        }
        float[] scores = _outputs[last];
        if (_activationCodes[last] == Activation.SoftmaxCode && Avx512F.IsSupported && scores.Length <= 16) return SoftmaxArgMax512(Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(_sums[last])), scores);
        Activate(_activationCodes[last], _activations[last], _sums[last], scores, scores.Length);
        return Network.ArgMax(scores, 0, scores.Length);
    }

    // a[0..n) = activation(z[0..n)) outside the fused tail: tanh and softmax here, the rarer
    // activations through their shared code.
    private static void Activate(int code, Activation activation, float[] z, float[] a, int n)
    {
        if (code == Activation.TanhCode) Tanh(z, a, n);
        else if (code == Activation.SoftmaxCode) Softmax(z, a, n);
        else activation.Forward(VectorKernels.Instance, z, a, 1, n);
    }

    // a[0..n) = tanh(z[0..n)) with the same code as VectorKernels (TensorPrimitives).
    private static void Tanh(float[] z, float[] a, int n) => TensorPrimitives.Tanh(z.AsSpan(0, n), a.AsSpan(0, n));

    /// <summary>
    /// tanh of each lane, to about 1e-7 (absolute, and relative near zero): with m = e^(−2|x|) − 1,
    /// tanh |x| = −m / (m + 2), with the sign of x. Inlined, where Vector512.Exp is a call that takes
    /// and returns its vector through memory (eight of them cost ~60 ns; the whole fused tail with
    /// this, 75-95 ns).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> TanhVector(Vector512<float> x)
    {
        Vector512<float> n = ExpReduce(Vector512.Create(-2f) * Vector512.Abs(x), out Vector512<float> expM1OfR);
        // e^(−2|x|) − 1 without cancellation near zero: for n = 0 it is e^r − 1 itself.
        Vector512<float> m = Vector512.ConditionalSelect(Vector512.Equals(n, Vector512<float>.Zero), expM1OfR, Avx512F.Scale(expM1OfR + Vector512<float>.One, n) - Vector512<float>.One);
        Vector512<float> magnitude = -m / (m + Vector512.Create(2f));
        return (magnitude.AsUInt32() | (x.AsUInt32() & Vector512.Create(0x8000_0000u))).AsSingle();
    }

    /// <summary>e^x in each lane, to about 1e-7 relative (0 and ∞ past the float range).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Exp(Vector512<float> x)
    {
        Vector512<float> n = ExpReduce(x, out Vector512<float> expM1OfR);
        return Avx512F.Scale(expM1OfR + Vector512<float>.One, n);
    }

    /// <summary>
    /// Splits e^x = 2ⁿ · e^r: returns n (whole) and gives e^r − 1, with x = n · ln 2 + r (ln 2 in
    /// two parts, so r is exact to float precision), |r| ≤ ln 2 / 2, and e^r − 1 by its Taylor series
    /// to r⁷ (the next term is below 5e-9). 2ⁿ is applied by vscalefps (Avx512F.Scale), which gives 0
    /// and ∞ for exponents past the float range.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpReduce(Vector512<float> x, out Vector512<float> expM1OfR)
    {
        Vector512<float> n = Avx512F.RoundScale(x * Vector512.Create(1.44269504f), 0);   // round to nearest
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-0.693359375f), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(2.12194440e-4f), r);
        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(1f / 5040), r, Vector512.Create(1f / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1f / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512<float>.One);
        expM1OfR = p * r;
        return n;
    }

    /// <summary>
    /// z[j] = b[j] + Σₖ x[k] · w[start + k · stride + j] over every input k &lt; inputs, for j in
    /// [0, stride): the layers after the first, whose inputs are dense. Each block of 16 (8) neurons
    /// keeps eight partial sums over every eighth input, so consecutive multiply-adds do not wait on
    /// each other, the input read straight from the array (no list of positions).
    /// </summary>
    private static void DenseLayer(float[] x, int inputs, float[] w, int start, float[] b, int stride, float[] z)
    {
        ref float xRef = ref MemoryMarshal.GetArrayDataReference(x);
        ref float wRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(w), start);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        ref float zRef = ref MemoryMarshal.GetArrayDataReference(z);
        if (Vector512.IsHardwareAccelerated)
        {
            for (int c = 0; c < stride; c += 16) Dense512(ref xRef, inputs, ref Unsafe.Add(ref wRef, c), stride, ref Unsafe.Add(ref bRef, c), ref Unsafe.Add(ref zRef, c));
        }
        else
        {
            for (int c = 0; c < stride; c += 8) Dense256(ref xRef, inputs, ref Unsafe.Add(ref wRef, c), stride, ref Unsafe.Add(ref bRef, c), ref Unsafe.Add(ref zRef, c));
        }
    }

    // 16 neurons over every input, eight partial sums.
    private static void Dense512(ref float x, int inputs, ref float w, int stride, ref float b, ref float z)
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        int k = 0;
        nuint s = (nuint)stride;
        for (; k + 8 <= inputs; k += 8)
        {
            ref float row = ref Unsafe.Add(ref w, k * stride);
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row), Vector512.Create(Unsafe.Add(ref x, k)), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, s), Vector512.Create(Unsafe.Add(ref x, k + 1)), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 2 * s), Vector512.Create(Unsafe.Add(ref x, k + 2)), a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 3 * s), Vector512.Create(Unsafe.Add(ref x, k + 3)), a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 4 * s), Vector512.Create(Unsafe.Add(ref x, k + 4)), a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 5 * s), Vector512.Create(Unsafe.Add(ref x, k + 5)), a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 6 * s), Vector512.Create(Unsafe.Add(ref x, k + 6)), a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 7 * s), Vector512.Create(Unsafe.Add(ref x, k + 7)), a7);
        }
        for (; k < inputs; k++)
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)(k * stride)), Vector512.Create(Unsafe.Add(ref x, k)), a0);
        (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))).StoreUnsafe(ref z);
    }

    // 8 neurons (Vector256) over every input, eight partial sums as Dense512.
    private static void Dense256(ref float x, int inputs, ref float w, int stride, ref float b, ref float z)
    {
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        int k = 0;
        nuint s = (nuint)stride;
        for (; k + 8 <= inputs; k += 8)
        {
            ref float row = ref Unsafe.Add(ref w, k * stride);
            a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row), Vector256.Create(Unsafe.Add(ref x, k)), a0);
            a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, s), Vector256.Create(Unsafe.Add(ref x, k + 1)), a1);
            a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 2 * s), Vector256.Create(Unsafe.Add(ref x, k + 2)), a2);
            a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 3 * s), Vector256.Create(Unsafe.Add(ref x, k + 3)), a3);
            a4 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 4 * s), Vector256.Create(Unsafe.Add(ref x, k + 4)), a4);
            a5 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 5 * s), Vector256.Create(Unsafe.Add(ref x, k + 5)), a5);
            a6 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 6 * s), Vector256.Create(Unsafe.Add(ref x, k + 6)), a6);
            a7 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 7 * s), Vector256.Create(Unsafe.Add(ref x, k + 7)), a7);
        }
        for (; k < inputs; k++)
            a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w, (nuint)(k * stride)), Vector256.Create(Unsafe.Add(ref x, k)), a0);
        (((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7))).StoreUnsafe(ref z);
    }

    /// <summary>z[j] = b[j] + Σᵢ values[i] · w[start + indices[i] · stride + j] for j in [0, stride), stride a multiple of <see cref="Pad"/>.</summary>
    private static void Layer<TValues>(int[] indices, float[] values, byte[] pixels, int offset, int count, float[] w, int start, float[] b, int stride, float[] z) where TValues : struct, IInputValues
    {
        ref byte pRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pixels), offset);
        ref int iRef = ref MemoryMarshal.GetArrayDataReference(indices);
        ref float vRef = ref MemoryMarshal.GetArrayDataReference(values);
        ref float wRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(w), start);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        ref float zRef = ref MemoryMarshal.GetArrayDataReference(z);
        int c = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; c + 8 * 16 <= stride; c += 8 * 16) Block512<TValues>(ref iRef, ref vRef, ref pRef, count, ref Unsafe.Add(ref wRef, c), stride, ref Unsafe.Add(ref bRef, c), ref Unsafe.Add(ref zRef, c));
            for (; c < stride; c += 16) Narrow512<TValues>(ref iRef, ref vRef, ref pRef, count, ref Unsafe.Add(ref wRef, c), stride, ref Unsafe.Add(ref bRef, c), ref Unsafe.Add(ref zRef, c));
        }
        else
        {
            for (; c + 8 * 8 <= stride; c += 8 * 8) Block256<TValues>(ref iRef, ref vRef, ref pRef, count, ref Unsafe.Add(ref wRef, c), stride, ref Unsafe.Add(ref bRef, c), ref Unsafe.Add(ref zRef, c));
            for (; c < stride; c += 8) Narrow256<TValues>(ref iRef, ref vRef, ref pRef, count, ref Unsafe.Add(ref wRef, c), stride, ref Unsafe.Add(ref bRef, c), ref Unsafe.Add(ref zRef, c));
        }
    }

    // 128 neurons in eight accumulators, one pass over the inputs: the bias, then each input's fused multiply-add in order.
    private static void Block512<TValues>(ref int iRef, ref float vRef, ref byte pRef, int count, ref float w, int stride, ref float b, ref float z) where TValues : struct, IInputValues
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b, 0), a1 = Vector512.LoadUnsafe(ref b, 16), a2 = Vector512.LoadUnsafe(ref b, 32), a3 = Vector512.LoadUnsafe(ref b, 48);
        Vector512<float> a4 = Vector512.LoadUnsafe(ref b, 64), a5 = Vector512.LoadUnsafe(ref b, 80), a6 = Vector512.LoadUnsafe(ref b, 96), a7 = Vector512.LoadUnsafe(ref b, 112);
        for (int i = 0; i < count; i++)
        {
            int position = Unsafe.Add(ref iRef, i);
            var x = Vector512.Create(TValues.At(ref vRef, ref pRef, i, position));
            ref float row = ref Unsafe.Add(ref w, position * stride);
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 0), x, a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 16), x, a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 32), x, a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 48), x, a3);
            a4 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 64), x, a4);
            a5 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 80), x, a5);
            a6 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 96), x, a6);
            a7 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref row, 112), x, a7);
        }
        a0.StoreUnsafe(ref z, 0); a1.StoreUnsafe(ref z, 16); a2.StoreUnsafe(ref z, 32); a3.StoreUnsafe(ref z, 48);
        a4.StoreUnsafe(ref z, 64); a5.StoreUnsafe(ref z, 80); a6.StoreUnsafe(ref z, 96); a7.StoreUnsafe(ref z, 112);
    }

    // 16 neurons: four partial sums over every fourth input, so consecutive multiply-adds do not wait on each other.
    private static void Narrow512<TValues>(ref int iRef, ref float vRef, ref byte pRef, int count, ref float w, int stride, ref float b, ref float z) where TValues : struct, IInputValues
    {
        Vector512<float> a0 = Vector512.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i) * stride)), Vector512.Create(TValues.At(ref vRef, ref pRef, i, Unsafe.Add(ref iRef, i))), a0);
            a1 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i + 1) * stride)), Vector512.Create(TValues.At(ref vRef, ref pRef, i + 1, Unsafe.Add(ref iRef, i + 1))), a1);
            a2 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i + 2) * stride)), Vector512.Create(TValues.At(ref vRef, ref pRef, i + 2, Unsafe.Add(ref iRef, i + 2))), a2);
            a3 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i + 3) * stride)), Vector512.Create(TValues.At(ref vRef, ref pRef, i + 3, Unsafe.Add(ref iRef, i + 3))), a3);
        }
        for (; i < count; i++)
            a0 = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i) * stride)), Vector512.Create(TValues.At(ref vRef, ref pRef, i, Unsafe.Add(ref iRef, i))), a0);
        ((a0 + a1) + (a2 + a3)).StoreUnsafe(ref z);
    }

    // 64 neurons in eight accumulators (Vector256), as Block512.
    private static void Block256<TValues>(ref int iRef, ref float vRef, ref byte pRef, int count, ref float w, int stride, ref float b, ref float z) where TValues : struct, IInputValues
    {
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b, 0), a1 = Vector256.LoadUnsafe(ref b, 8), a2 = Vector256.LoadUnsafe(ref b, 16), a3 = Vector256.LoadUnsafe(ref b, 24);
        Vector256<float> a4 = Vector256.LoadUnsafe(ref b, 32), a5 = Vector256.LoadUnsafe(ref b, 40), a6 = Vector256.LoadUnsafe(ref b, 48), a7 = Vector256.LoadUnsafe(ref b, 56);
        for (int i = 0; i < count; i++)
        {
            int position = Unsafe.Add(ref iRef, i);
            var x = Vector256.Create(TValues.At(ref vRef, ref pRef, i, position));
            ref float row = ref Unsafe.Add(ref w, position * stride);
            a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 0), x, a0);
            a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 8), x, a1);
            a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 16), x, a2);
            a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 24), x, a3);
            a4 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 32), x, a4);
            a5 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 40), x, a5);
            a6 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 48), x, a6);
            a7 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 56), x, a7);
        }
        a0.StoreUnsafe(ref z, 0); a1.StoreUnsafe(ref z, 8); a2.StoreUnsafe(ref z, 16); a3.StoreUnsafe(ref z, 24);
        a4.StoreUnsafe(ref z, 32); a5.StoreUnsafe(ref z, 40); a6.StoreUnsafe(ref z, 48); a7.StoreUnsafe(ref z, 56);
    }

    // 8 neurons (Vector256), four partial sums as Narrow512.
    private static void Narrow256<TValues>(ref int iRef, ref float vRef, ref byte pRef, int count, ref float w, int stride, ref float b, ref float z) where TValues : struct, IInputValues
    {
        Vector256<float> a0 = Vector256.LoadUnsafe(ref b), a1 = default, a2 = default, a3 = default;
        int i = 0;
        for (; i + 4 <= count; i += 4)
        {
            a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i) * stride)), Vector256.Create(TValues.At(ref vRef, ref pRef, i, Unsafe.Add(ref iRef, i))), a0);
            a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i + 1) * stride)), Vector256.Create(TValues.At(ref vRef, ref pRef, i + 1, Unsafe.Add(ref iRef, i + 1))), a1);
            a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i + 2) * stride)), Vector256.Create(TValues.At(ref vRef, ref pRef, i + 2, Unsafe.Add(ref iRef, i + 2))), a2);
            a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i + 3) * stride)), Vector256.Create(TValues.At(ref vRef, ref pRef, i + 3, Unsafe.Add(ref iRef, i + 3))), a3);
        }
        for (; i < count; i++)
            a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref w, (nuint)(Unsafe.Add(ref iRef, i) * stride)), Vector256.Create(TValues.At(ref vRef, ref pRef, i, Unsafe.Add(ref iRef, i))), a0);
        ((a0 + a1) + (a2 + a3)).StoreUnsafe(ref z);
    }

    /// <summary>
    /// The fused tail of a 128 → tanh → ≤ 16 → softmax model: tanh of the first layer's 128 sums
    /// in eight registers, each class's sum as eight lane-wise multiply-adds with its weight row
    /// (classSums[j]), the sixteen lane sums added across in one tree, the bias, then softmax and
    /// argmax in registers. Returns the best class; the probabilities go into scores.
    /// </summary>
    private static int TanhSoftmaxTail(float[] sums, float[] rows, int start, Vector512<float>[] classSums, float[] bias, float[] scores)
    {
        ref float s = ref MemoryMarshal.GetArrayDataReference(sums);
        Vector512<float> h0 = TanhVector(Vector512.LoadUnsafe(ref s, 0)), h1 = TanhVector(Vector512.LoadUnsafe(ref s, 16));
        Vector512<float> h2 = TanhVector(Vector512.LoadUnsafe(ref s, 32)), h3 = TanhVector(Vector512.LoadUnsafe(ref s, 48));
        Vector512<float> h4 = TanhVector(Vector512.LoadUnsafe(ref s, 64)), h5 = TanhVector(Vector512.LoadUnsafe(ref s, 80));
        Vector512<float> h6 = TanhVector(Vector512.LoadUnsafe(ref s, 96)), h7 = TanhVector(Vector512.LoadUnsafe(ref s, 112));
        ref float w = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(rows), start);
        ref Vector512<float> c = ref MemoryMarshal.GetArrayDataReference(classSums);
        for (int j = 0; j < scores.Length; j++, w = ref Unsafe.Add(ref w, HiddenWidth))
        {
            // Two chains of four, so a class waits on four multiply-adds, not eight.
            Vector512<float> even = h0 * Vector512.LoadUnsafe(ref w, 0), odd = h1 * Vector512.LoadUnsafe(ref w, 16);
            even = Vector512.FusedMultiplyAdd(h2, Vector512.LoadUnsafe(ref w, 32), even);
            odd = Vector512.FusedMultiplyAdd(h3, Vector512.LoadUnsafe(ref w, 48), odd);
            even = Vector512.FusedMultiplyAdd(h4, Vector512.LoadUnsafe(ref w, 64), even);
            odd = Vector512.FusedMultiplyAdd(h5, Vector512.LoadUnsafe(ref w, 80), odd);
            even = Vector512.FusedMultiplyAdd(h6, Vector512.LoadUnsafe(ref w, 96), even);
            odd = Vector512.FusedMultiplyAdd(h7, Vector512.LoadUnsafe(ref w, 112), odd);
            Unsafe.Add(ref c, j) = even + odd;
        }
        Vector512<float> z = SumEachOf16(ref c) + Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(bias));
        return SoftmaxArgMax512(z, scores);
    }

    /// <summary>
    /// Lane j = the sum of v[j]'s sixteen lanes, for the sixteen vectors from v: pairs of vectors
    /// are interleaved and added four times (32-bit, 64-bit, 128-bit, 128-bit steps), each step
    /// halving the vectors and doubling the vectors' sums each one holds, 45 instructions in all
    /// where sixteen separate horizontal sums would take over a hundred.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> SumEachOf16(ref Vector512<float> v)
    {
        // After step 1, per 128-bit lane: [a even, b even, a odd, b odd] of each pair (a, b).
        Vector512<float> p0 = Pair32(Unsafe.Add(ref v, 0), Unsafe.Add(ref v, 1)), p1 = Pair32(Unsafe.Add(ref v, 2), Unsafe.Add(ref v, 3));
        Vector512<float> p2 = Pair32(Unsafe.Add(ref v, 4), Unsafe.Add(ref v, 5)), p3 = Pair32(Unsafe.Add(ref v, 6), Unsafe.Add(ref v, 7));
        Vector512<float> p4 = Pair32(Unsafe.Add(ref v, 8), Unsafe.Add(ref v, 9)), p5 = Pair32(Unsafe.Add(ref v, 10), Unsafe.Add(ref v, 11));
        Vector512<float> p6 = Pair32(Unsafe.Add(ref v, 12), Unsafe.Add(ref v, 13)), p7 = Pair32(Unsafe.Add(ref v, 14), Unsafe.Add(ref v, 15));
        // Step 2, per 128-bit lane: a part of the sums of four consecutive vectors, in order.
        Vector512<float> q0 = Pair64(p0, p1), q1 = Pair64(p2, p3), q2 = Pair64(p4, p5), q3 = Pair64(p6, p7);
        // Steps 3 and 4 add the four 128-bit lanes' parts: vectors 0–3, 4–7, 8–11, 12–15 in order.
        return Pair128(Pair128(q0, q1), Pair128(q2, q3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair32(Vector512<float> a, Vector512<float> b) => Avx512F.UnpackLow(a, b) + Avx512F.UnpackHigh(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair64(Vector512<float> a, Vector512<float> b) =>
        Avx512F.UnpackLow(a.AsDouble(), b.AsDouble()).AsSingle() + Avx512F.UnpackHigh(a.AsDouble(), b.AsDouble()).AsSingle();

    // [a0 a2 b0 b2] + [a1 a3 b1 b3] in 128-bit lanes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Pair128(Vector512<float> a, Vector512<float> b) => Avx512F.Shuffle4x128(a, b, 0b_10_00_10_00) + Avx512F.Shuffle4x128(a, b, 0b_11_01_11_01);

    /// <summary>
    /// scores = softmax(v[0..n)) with n = scores.Length ≤ 16 (the lanes past n are ignored):
    /// e^(v − max v) with the inline <see cref="Exp"/>, divided by the sum (at least 1, from the max
    /// term), stored straight into the scores; returns the first class with the largest score, as
    /// <see cref="Network.ArgMax"/> picks it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe int SoftmaxArgMax512(Vector512<float> v, float[] scores)
    {
        int n = scores.Length;
        Vector512<float> valid = Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(n)).AsSingle();
        Vector512<float> max = MaxOfLanes(Vector512.ConditionalSelect(valid, v, Vector512.Create(float.NegativeInfinity)));
        Vector512<float> e = Exp(v - max) & valid;
        Vector512<float> inverseSum = Vector512.Create(1f / Vector512.Sum(e));
        Vector512<float> p = e * inverseSum;
        fixed (float* s = scores) Avx512F.MaskStore(s, valid, p);
        // The largest score is 1/sum itself: the max lane's e is Exp(0) = 1 exactly, every other e
        // is at most 1, and rounding keeps e · c ≤ c. So the first lane equal to 1/sum is the first
        // largest score, with no second search across the lanes.
        uint best = (uint)Vector512.Equals(p, inverseSum).ExtractMostSignificantBits() & (uint)((1 << n) - 1);
        return best == 0 ? 0 : BitOperations.TrailingZeroCount(best);   // no lane equal only for NaN scores
    }

    // Every lane = the largest of v's lanes (v without NaN): four steps of swapping halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> MaxOfLanes(Vector512<float> v)
    {
        v = Avx512F.Max(v, Avx512F.Shuffle4x128(v, v, 0b_01_00_11_10));
        v = Avx512F.Max(v, Avx512F.Shuffle4x128(v, v, 0b_10_11_00_01));
        v = Avx512F.Max(v, Avx512F.Permute4x32(v, 0b_01_00_11_10));
        return Avx512F.Max(v, Avx512F.Permute4x32(v, 0b_10_11_00_01));
    }

    // a[0..n) = softmax(z[0..n)) (any n, any vector width): e^(z − max z) over the sum.
    private static void Softmax(float[] z, float[] a, int n)
    {
        float max = TensorPrimitives.Max(z.AsSpan(0, n));
        TensorPrimitives.Subtract(z.AsSpan(0, n), max, a.AsSpan(0, n));
        TensorPrimitives.Exp(a.AsSpan(0, n), a.AsSpan(0, n));
        TensorPrimitives.Multiply(a.AsSpan(0, n), 1f / TensorPrimitives.Sum(a.AsSpan(0, n)), a.AsSpan(0, n));
    }
}
