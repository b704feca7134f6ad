using System.Diagnostics;

namespace TinyNet.Tests.Cli;

/// <summary>
/// Runs the real <c>tinynet</c> (built next to the tests) as a child process, so a test sees exactly
/// what a user sees: stdout, stderr and the exit code, with no console shared between tests.
/// </summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static Result Run(params string[] args) => RunIn(null, args);

    public static Result RunIn(string? workingDirectory, params string[] args) => RunProcess(workingDirectory, null, args);

    public static Result RunWithEnvironment(IDictionary<string, string> environment, params string[] args) => RunProcess(null, environment, args);

    /// <summary>Starts tinynet without waiting (to kill it mid-way); <see cref="Finish"/> collects it.</summary>
    public static RunningCli Start(params string[] args)
    {
        var start = Info(null, null, args);
        var process = Process.Start(start)!;
        return new RunningCli(process, process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    public static Result Finish(RunningCli running)
    {
        using var process = running.Process;
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tinynet did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, running.Output.Result, running.Error.Result);
    }

    public sealed record RunningCli(Process Process, Task<string> Output, Task<string> Error)
    {
        public void Kill()
        {
            if (!Process.HasExited) Process.Kill();
        }

        public void WaitForExit() => Process.WaitForExit();
    }

    private static Result RunProcess(string? workingDirectory, IDictionary<string, string>? environment, string[] args)
    {
        var start = Info(workingDirectory, environment, args);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tinynet " + string.Join(' ', args) + " did not finish in 5 minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private static ProcessStartInfo Info(string? workingDirectory, IDictionary<string, string>? environment, string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? AppContext.BaseDirectory,
        };
        if (environment != null)
            foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tinynet.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        return start;
    }
}
