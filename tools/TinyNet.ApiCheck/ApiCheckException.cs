namespace TinyNet.ApiCheck;

/// <summary>A problem with the tool's input (missing file, not an assembly): one line for the user.</summary>
public sealed class ApiCheckException(string message) : Exception(message);
