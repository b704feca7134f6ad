using System.Diagnostics;
using Xunit;

namespace TinyNet.Tests.Cli;

/// <summary>
/// A tiny tmpfs mounted for one test: a full disk (64 KB) or a read-only file system, as a user's
/// USB stick or a locked-down share would be. Mounting needs root (as in CI); where it is not
/// allowed, the tests that need it are skipped by name with <see cref="SmallDiskFactAttribute"/>.
/// </summary>
public sealed class SmallDisk : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tinynet-disk-").FullName;

    public SmallDisk(bool readOnly = false, int kilobytes = 64)
    {
        if (!Mount(Path, $"size={kilobytes}k{(readOnly ? ",ro" : "")}"))
            throw new InvalidOperationException($"cannot mount a tmpfs on {Path}");
    }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Whether this machine lets the tests mount a tmpfs (tried once).</summary>
    public static readonly bool Possible = Probe();

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux()) return false;
        string dir = Directory.CreateTempSubdirectory("tinynet-disk-probe-").FullName;
        bool mounted = Mount(dir, "size=64k");
        if (mounted) Run("umount", dir);
        Directory.Delete(dir);
        return mounted;
    }

    private static bool Mount(string dir, string options) => Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", dir);

    private static bool Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string a in args) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Run("umount", Path);
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}

/// <summary>A fact that needs <see cref="SmallDisk"/>: skipped, saying why, where no tmpfs can be mounted.</summary>
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (!SmallDisk.Possible) Skip = "cannot mount a tmpfs here (needs root): the full-disk and read-only-folder cases are NOT tested";
    }
}
