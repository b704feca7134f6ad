using TinyNet.Gestures;

namespace TinyNet.Tests.Datasets;

public class GestureGeneratorTests
{
    [Fact]
    public void The_committed_gesture_file_is_what_the_generator_writes()
    {
        // tools/gestures.sh write --out tools/data/gestures.csv (defaults: 150 per class, seed 1).
        Assert.Equal(GestureGenerator.Csv(150, 1), File.ReadAllText(GestureData.File));
    }

    [Fact]
    public void Each_class_has_its_windows_of_sixty_values()
    {
        string[] lines = GestureGenerator.Csv(3, 7).TrimEnd('\n').Split('\n');
        Assert.Equal(1 + 3 * 5, lines.Length);
        Assert.StartsWith("gesture,ax0,ay0,az0,ax1", lines[0]);
        Assert.All(lines, l => Assert.Equal(61, l.Split(',').Length));
        Assert.Equal(["idle", "wave", "circle", "shake", "tap"], lines.Skip(1).Take(5).Select(l => l.Split(',')[0]));
        Assert.NotEqual(GestureGenerator.Csv(3, 7), GestureGenerator.Csv(3, 8));
    }
}
