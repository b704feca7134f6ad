using System.Reflection;
using System.Runtime.InteropServices;

// A classic nanoFramework project has no SDK to generate these.
[assembly: AssemblyTitle("TinyNet.Device.Engine")]
[assembly: AssemblyDescription("The TinyNet neural-net engine (shared/) built for nanoFramework.")]
[assembly: AssemblyProduct("TinyNet")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
[assembly: ComVisible(false)]
