using System;
using TinyNet.Bench;

namespace TinyNet.Device.Bench
{
    /// <summary>The benchmark's lines on the console: stdout on nanoCLR, the debug output on a board.</summary>
    public sealed class ConsoleOutput : IBenchOutput
    {
        /// <summary>Prints one line.</summary>
        public void Line(string text)
        {
            Console.WriteLine(text);
        }
    }
}
