using System.Reflection;
using System.Runtime.InteropServices;

// A classic nanoFramework project has no SDK to generate these.
[assembly: AssemblyTitle("NFUnitTest")]
[assembly: AssemblyDescription("TinyNet engine tests for nanoFramework (model file, link codec, lecture vectors).")]
[assembly: AssemblyProduct("TinyNet")]
[assembly: AssemblyVersion("1.0.0.0")]
[assembly: AssemblyFileVersion("1.0.0.0")]
[assembly: ComVisible(false)]
