namespace TinyNet.Tests.Datasets;

/// <summary>The committed gesture data set (tools/data/gestures.csv), copied next to the tests.</summary>
public static class GestureData
{
    public static string File => Path.Combine(AppContext.BaseDirectory, "Datasets", "gestures.csv");

    /// <summary>Its classes in the order train csv gives them (labels that are names: sorted).</summary>
    public static readonly string[] Classes = ["circle", "idle", "shake", "tap", "wave"];
}
