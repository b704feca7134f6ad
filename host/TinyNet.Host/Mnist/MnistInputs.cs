namespace TinyNet.Host.Mnist;

/// <summary>Network inputs of an MNIST set: every pixel as x / 255, converted once for the whole set.</summary>
public static class MnistInputs
{
    /// <summary>count × 784 floats in [0, 1]; background pixels stay exactly 0 (which the kernels skip).</summary>
    public static float[] Scale(MnistSet set)
    {
        var inputs = new float[set.Pixels.Length];
        const float inverse = 1f / 255f;
        for (int i = 0; i < inputs.Length; i++) inputs[i] = set.Pixels[i] * inverse;
        return inputs;
    }
}
