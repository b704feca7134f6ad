namespace TinyNet.Tests.Networking;

/// <summary>
/// Tests that hold a live board to the link's one-second reply timeout (a retry counts as a fault)
/// run in this collection, which runs alone: on a 2-core CI machine, test classes running beside
/// them (process launches, training) can stall the board's thread for a second, and the test
/// would then report the machine's load as a board fault.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class RealTimeLinks
{
    public const string Name = "real-time links";
}
