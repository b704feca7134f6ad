namespace TinyNet.Host.Lessons;

/// <summary>How a lesson's tables are written: aligned for reading, CSV or JSON for plotting and parsing.</summary>
public enum LessonFormat
{
    Table,
    Csv,
    Json,
}
