using System.Diagnostics;
using TinyNet.Link;

namespace TinyNet.Host.Serial;

/// <summary>
/// Paces both directions to a simulated UART's line rate (8N1: 10 bits a byte): bytes written leave no
/// faster than the wire carries them, and bytes read are handed over no faster than they could have
/// arrived. So the virtual board talks like a real board at that baud rate and throughput figures mean something.
/// </summary>
public sealed class LineRateChannel : IByteChannel
{
    private readonly IByteChannel _inner;
    private readonly double _secondsPerByte;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _lineFreeAt; // seconds on _clock when the last written byte has left the "wire"
    private double _arrivedAt;  // seconds on _clock when the last byte read had fully arrived

    private const double Slack = 0.004; // seconds

    public LineRateChannel(IByteChannel inner, int baud)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(baud, 300);
        _inner = inner;
        Baud = baud;
        _secondsPerByte = 10.0 / baud;
    }

    public int Baud { get; }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        int n = _inner.Read(buffer, offset, count, timeoutMilliseconds);
        if (n > 0)
        {
            // A sleep overshoots by up to a millisecond or so; letting the schedule lag the clock by a few
            // milliseconds gives that time back on the next reads, so the average stays at the line rate.
            _arrivedAt = Math.Max(_arrivedAt, _clock.Elapsed.TotalSeconds - Slack) + n * _secondsPerByte;
            double wait = _arrivedAt - _clock.Elapsed.TotalSeconds;
            if (wait > Slack / 2) Thread.Sleep(TimeSpan.FromSeconds(wait));
        }
        return n;
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        double now = _clock.Elapsed.TotalSeconds;
        _lineFreeAt = Math.Max(_lineFreeAt, now) + count * _secondsPerByte;
        _inner.Write(buffer, offset, count);
        double wait = _lineFreeAt - _clock.Elapsed.TotalSeconds;
        if (wait > 0) Thread.Sleep(TimeSpan.FromSeconds(wait));
    }
}
