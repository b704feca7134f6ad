namespace TinyNet.Bench
{
    /// <summary>Where the device benchmark writes its lines: the console on nanoCLR, a test's buffer on the host.</summary>
    public interface IBenchOutput
    {
        /// <summary>Writes one line of figures.</summary>
        void Line(string text);
    }
}
