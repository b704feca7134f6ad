using TinyNet.Host.Kernels;

namespace TinyNet.Tests.KernelTests;

/// <summary>Why a SIMD test is skipped on this machine, or null when the SIMD path runs.</summary>
internal static class SimdPath
{
    public static string? SkipReason => VectorKernels.IsAccelerated
        ? null
        : "the SIMD path is not active on this CPU (needs 256-bit vectors, AVX2 and FMA): VectorKernels would run the scalar code, so comparing it proves nothing";
}

/// <summary>A fact about the SIMD kernels: reported skipped, by name and with the reason, when the SIMD path is not active.</summary>
public sealed class SimdFactAttribute : FactAttribute
{
    public SimdFactAttribute()
    {
        if (SimdPath.SkipReason != null) Skip = SimdPath.SkipReason;
    }
}

/// <summary>A theory about the SIMD kernels: reported skipped, by name and with the reason, when the SIMD path is not active.</summary>
public sealed class SimdTheoryAttribute : TheoryAttribute
{
    public SimdTheoryAttribute()
    {
        if (SimdPath.SkipReason != null) Skip = SimdPath.SkipReason;
    }
}
