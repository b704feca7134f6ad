using TinyNet.Lessons;

namespace TinyNet.Host.Lessons;

/// <summary>Runs a lesson with the shared engine on the host and writes its tables.</summary>
public static class LessonRunner
{
    /// <summary>
    /// Runs <paramref name="lesson"/> for <paramref name="steps"/> steps at <paramref name="learningRate"/>
    /// (0 = the lecture's own) and writes every row as it is produced.
    /// </summary>
    public static void Run(Lesson lesson, int steps, float learningRate, LessonWriter writer)
    {
        var row = new float[lesson.MaxColumns];
        int current = -1;
        lesson.Start(steps, learningRate);
        for (int table = lesson.Next(row); table >= 0; table = lesson.Next(row))
        {
            LessonTable description = lesson.Table(table);
            if (table != current)
            {
                writer.BeginTable(description.Title, description.Columns, description.Decimals);
                current = table;
            }
            writer.Row(row.AsSpan(0, description.Columns.Length));
            if (!AllFinite(row.AsSpan(0, description.Columns.Length)))
            {
                // Every later row would be NaN as well: stop at the first one and say why.
                writer.Finish();
                throw Diverged(description.Title, learningRate);
            }
        }
        writer.Finish();
    }

    /// <summary>The error for a lesson whose values stopped being finite numbers (the learning rate is too large).</summary>
    internal static UserError Diverged(string table, float learningRate) =>
        new($"the lesson diverged: values stopped being finite numbers in \"{table}\"; " +
            $"the learning rate{(learningRate > 0 ? $" {learningRate:G3}" : "")} is too large, try a smaller --lr (such as 0.01)");

    internal static bool AllFinite(ReadOnlySpan<float> values)
    {
        foreach (float v in values) if (!float.IsFinite(v)) return false;
        return true;
    }

    /// <summary>Runs a lesson and collects its rows per table (for tests and comparisons).</summary>
    public static List<List<float[]>> Collect(Lesson lesson, int steps = 0, float learningRate = 0f)
    {
        var tables = new List<List<float[]>>();
        for (int i = 0; i < lesson.TableCount; i++) tables.Add([]);
        var row = new float[lesson.MaxColumns];
        lesson.Start(steps, learningRate);
        for (int table = lesson.Next(row); table >= 0; table = lesson.Next(row))
        {
            tables[table].Add(row.AsSpan(0, lesson.Table(table).Columns.Length).ToArray());
        }
        return tables;
    }
}
