namespace TinyNet.Host.Mnist;

/// <summary>Network inputs of an MNIST set: every pixel as x / 255, converted once for the whole set.</summary>
public static class MnistInputs
{
    /// <summary>
    /// count × 784 floats in [0, 1]; background pixels stay exactly 0 (which the kernels skip).
    /// <paramref name="pinned"/> puts the array where the garbage collector never moves it.
    /// </summary>
    public static float[] Scale(MnistSet set, bool pinned = false)
    {
        float[] inputs = GC.AllocateUninitializedArray<float>(set.Pixels.Length, pinned);
        const float inverse = 1f / 255f;
        for (int i = 0; i < inputs.Length; i++) inputs[i] = set.Pixels[i] * inverse;
        return inputs;
    }

    /// <summary>
    /// Copies the 28×28 image at source[from..] to target[to..] moved right by <paramref name="dx"/>
    /// and down by <paramref name="dy"/> pixels (negative: left / up); pixels moved in from outside are 0.
    /// </summary>
    public static void CopyShifted(float[] source, int from, float[] target, int to, int dx, int dy)
    {
        const int side = MnistSet.Side;
        Array.Clear(target, to, MnistSet.PixelsPerImage);
        int first = Math.Max(0, dx), end = Math.Min(side, side + dx);
        if (first >= end) return;
        for (int row = Math.Max(0, dy); row < Math.Min(side, side + dy); row++)
        {
            Array.Copy(source, from + (row - dy) * side + first - dx, target, to + row * side + first, end - first);
        }
    }
}
