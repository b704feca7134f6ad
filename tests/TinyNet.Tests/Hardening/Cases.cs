namespace TinyNet.Tests.Hardening;

/// <summary>How many random cases each property test runs in CI: enough to hit every damage kind many times, a few seconds each.</summary>
internal static class Cases
{
    public const int Count = 2000;
}
