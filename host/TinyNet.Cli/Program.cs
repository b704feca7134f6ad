using System.CommandLine;
using TinyNet.Cli;

// Each command lives in its own file under Commands/ and is registered here.
var root = new RootCommand("TinyNet: train small neural networks on the host and run them on an ESP32 under .NET nanoFramework.");
return CommandLineRunner.Run(root, args);
