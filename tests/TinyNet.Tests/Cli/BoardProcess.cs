using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace TinyNet.Tests.Cli;

/// <summary>
/// A `tinynet board` running as its own process (serial on a pty, or --tcp), for tests that need a
/// board they can kill like a real one; <see cref="Port"/> is the --port value it printed.
/// </summary>
public sealed partial class BoardProcess : IDisposable
{
    private readonly Process _process;

    public BoardProcess(string store, int discoveryPort, bool tcp, params string[] extra)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["exec", Path.Combine(AppContext.BaseDirectory, "tinynet.dll"), "board", "--store", store,
                     "--discovery-port", discoveryPort.ToString()])
            start.ArgumentList.Add(arg);
        if (tcp)
        {
            start.ArgumentList.Add("--tcp");
            start.ArgumentList.Add("0");
        }
        foreach (var arg in extra) start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromMinutes(1))
        {
            string? line = _process.StandardOutput.ReadLine();
            if (line == null) break;
            Match m = UseLine().Match(line);
            if (m.Success)
            {
                Port = m.Groups[1].Value;
                _process.StandardOutput.ReadToEndAsync(); // keep draining
                return;
            }
        }
        Dispose();
        throw new InvalidOperationException("tinynet board did not print its port");
    }

    public string Port { get; } = "";

    public int Id => _process.Id;

    /// <summary>Kills the board like a pulled power cable.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        try { Kill(); } catch (InvalidOperationException) { }
        _process.Dispose();
    }

    /// <summary>A UDP port nothing uses now, so a test's discovery does not meet another test's boards.</summary>
    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    [GeneratedRegex(@"^use: tinynet info --port (\S+)")]
    private static partial Regex UseLine();
}
