using System.Diagnostics;
using System.Text;

namespace TinyNet.Tests.Cli;

/// <summary>
/// A <c>tinynet</c> process left running (a board, a long training), to be talked to while it runs:
/// wait for a line of its output, send it SIGINT as Ctrl+C does, and collect what it printed.
/// </summary>
public sealed class RunningCli : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new(), _error = new();

    public RunningCli(IDictionary<string, string?>? environment, params string[] args)
    {
        // A process started in the background inherits an ignored SIGINT, which .NET then keeps
        // ignoring; env --default-signal gives it back the disposition a terminal's process has.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        if (environment != null)
        {
            foreach (var (name, value) in environment)
            {
                if (value == null) start.Environment.Remove(name);
                else start.Environment[name] = value;
            }
        }
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tinynet.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (_error) _error.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Runs to the end with the given environment (null removes a variable) and returns what it printed.</summary>
    public static CliProcess.Result Run(IDictionary<string, string?> environment, params string[] args)
    {
        using var cli = new RunningCli(environment, args);
        return cli.WaitForExit(TimeSpan.FromMinutes(5));
    }

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Waits until the standard output contains <paramref name="text"/>; false when the process ended or time ran out first.</summary>
    public bool WaitForOutput(string text, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (Output.Contains(text)) return true;
            if (_process.HasExited) return Output.Contains(text);
            Thread.Sleep(50);
        }
        return false;
    }

    /// <summary>Sends SIGINT, what the terminal sends on Ctrl+C.</summary>
    public void Interrupt()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString()])!;
        kill.WaitForExit();
    }

    public CliProcess.Result WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("tinynet did not finish in " + timeout);
        }
        _process.WaitForExit(); // flushes the asynchronous readers
        string error;
        lock (_error) error = _error.ToString();
        return new CliProcess.Result(_process.ExitCode, Output, error);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
