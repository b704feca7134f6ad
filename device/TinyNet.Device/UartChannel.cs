using System;
using System.IO.Ports;
using System.Threading;
using TinyNet.Link;

namespace TinyNet.Device
{
    /// <summary>The link's raw byte pipe over a UART (System.IO.Ports.SerialPort on nanoFramework).</summary>
    public sealed class UartChannel : IByteChannel
    {
        // Room for a whole encoded frame of the largest payload and then some: the native side
        // allocates this ring once at Open(), and nanoFramework's default of 256 bytes would overflow
        // while the app is busy checking the previous upload chunk.
        private const int ReceiveBufferBytes = 4096;

        // A safety net only: Read below asks for no more than BytesToRead, so it never waits.
        private const int ReadTimeoutMilliseconds = 500;

        // UART output drains at the baud rate; this bounds a write if the native TX queue stalls.
        private const int WriteTimeoutMilliseconds = 2000;

        private readonly SerialPort _port;

        /// <summary>Opens <paramref name="portName"/> at <paramref name="baudRate"/>, 8N1. Route the pins first (<see cref="BoardPins.RouteLinkUart"/>).</summary>
        public UartChannel(string portName, int baudRate)
        {
            // The full constructor: nanoFramework has only this one (with optional arguments).
            _port = new SerialPort(portName, baudRate, Parity.None, 8, StopBits.One);
            _port.ReadBufferSize = ReceiveBufferBytes;
            _port.ReadTimeout = ReadTimeoutMilliseconds;
            _port.WriteTimeout = WriteTimeoutMilliseconds;
            _port.Open();
        }

        /// <summary>
        /// Waits up to <paramref name="timeoutMilliseconds"/> for the first byte, then returns what has
        /// arrived (at most <paramref name="count"/>). 0 means nothing came in time.
        /// </summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (count <= 0)
            {
                return 0;
            }
            long deadline = Environment.TickCount64 + timeoutMilliseconds;
            while (true)
            {
                int available = _port.BytesToRead;
                if (available > 0)
                {
                    int wanted = available < count ? available : count;
                    try
                    {
                        return _port.Read(buffer, offset, wanted);
                    }
                    catch (TimeoutException)
                    {
                        // The bytes counted above were not delivered after all; the caller retries.
                        return 0;
                    }
                }
                if (Environment.TickCount64 >= deadline)
                {
                    return 0;
                }
                // Polling with a 1 ms sleep lets other managed threads and the serial event dispatch run.
                Thread.Sleep(1);
            }
        }

        /// <summary>Sends <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            _port.Write(buffer, offset, count);
        }
    }
}
