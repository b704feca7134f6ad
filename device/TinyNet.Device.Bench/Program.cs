using TinyNet.Bench;

namespace TinyNet.Device.Bench
{
    /// <summary>
    /// The device benchmark without a link: runs shared/Bench/DeviceBenchmark on generated models and
    /// prints one line per figure (device/README.md says how to send them back).
    /// </summary>
    public static class Program
    {
        /// <summary>Runs the benchmark once and prints its figures.</summary>
        public static void Main()
        {
            new DeviceBenchmark(new BenchClock()).RunAll(new ConsoleOutput());
        }
    }
}
