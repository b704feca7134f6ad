using System.Runtime.InteropServices;
using System.Text;

namespace TinyNet.Host.Serial;

/// <summary>
/// Says why a serial port could not be used. .NET reports every failure to open a port on Linux as
/// "Access to the port is denied"; the user needs to know which it was: a name that does not exist,
/// a Windows name, missing permission (the dialout group), or a file that is not a serial port.
/// </summary>
public static class PortErrors
{
    private const string ListPorts = "ls /dev/ttyUSB* /dev/ttyACM*";

    /// <summary>The one-line error for a port that <see cref="System.IO.Ports.SerialPort.Open"/> refused.</summary>
    public static UserError CannotOpen(string port, Exception error)
    {
        if (!OperatingSystem.IsWindows() && !port.StartsWith('/') && port.StartsWith("COM", StringComparison.OrdinalIgnoreCase))
            return new UserError($"{port} is a Windows port name; on Linux a board is /dev/ttyUSB0 or /dev/ttyACM0 ({ListPorts}), or leave out --port to use the virtual board", 2);
        if (Directory.Exists(port))
            return new UserError($"{port} is a folder, not a serial port; give a device such as /dev/ttyUSB0 ({ListPorts})", 2);
        if (!File.Exists(port))
            return new UserError($"{port} does not exist: is the board plugged in? ({ListPorts} lists the serial ports) or leave out --port to use the virtual board");
        if (!OperatingSystem.IsWindows() && !CanReadAndWrite(port))
            return new UserError($"no permission to open {port}: add yourself to its group (sudo usermod -aG dialout $USER, then log in again) or check ls -l {port}");
        if (error is UnauthorizedAccessException or IOException)
            return new UserError($"{port} is not a serial port (it exists and may be opened, but does not take serial settings); give a device such as /dev/ttyUSB0 ({ListPorts})");
        return new UserError($"cannot open {port}: {error.Message.TrimEnd('.')}; check the port name ({ListPorts}) or leave out --port to use the virtual board");
    }

    /// <summary>The one-line error for a port that answered with bytes that are not TinyNet frames.</summary>
    public static UserError NotTheProtocol(string port, byte[] received, int count)
    {
        string sample = Printable(received, count);
        return new UserError($"the device on {port} answers, but not in the TinyNet protocol (it sent \"{sample}\"): is another program running on the board, such as the nanoFramework debugger or a serial console? Start the TinyNet app (device/README.md)");
    }

    // The first few bytes as text, non-printable ones shown as '.', so the user can recognise a console or a boot log.
    private static string Printable(byte[] bytes, int count)
    {
        var text = new StringBuilder();
        for (int i = 0; i < Math.Min(count, 40); i++)
        {
            byte b = bytes[i];
            text.Append(b == (byte)'\n' ? "\\n" : b == (byte)'\r' ? "\\r" : b is >= 32 and < 127 ? (char)b : '.');
        }
        if (count > 40) text.Append('…');
        return text.ToString();
    }

    private const int ReadAndWrite = 6; // R_OK | W_OK

    private static bool CanReadAndWrite(string path) => Access(path, ReadAndWrite) == 0;

    [DllImport("libc", EntryPoint = "access")]
    private static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
}
