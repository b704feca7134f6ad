using System.Reflection;
using System.Runtime.InteropServices;

// A classic nanoFramework project has no SDK to generate these.
[assembly: AssemblyTitle("TinyNet.Device.Bench")]
[assembly: AssemblyDescription("The TinyNet device benchmark: per-digit and lesson-step timings on nanoCLR, no link needed.")]
[assembly: AssemblyProduct("TinyNet")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
[assembly: ComVisible(false)]
