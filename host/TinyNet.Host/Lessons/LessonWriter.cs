using System.Globalization;
using System.Text.Json;

namespace TinyNet.Host.Lessons;

/// <summary>
/// Writes a lesson's tables as their rows arrive, whether they come from the engine on the host or
/// stream from the board, so both print exactly the same text.
/// </summary>
/// <remarks>
/// Table: the title, a header and right-aligned rows rounded to each column's decimals (the lecture's
/// own layout). CSV: per table a "# title" line, a header and rows in shortest round-trip form, tables
/// separated by a blank line. JSON: one object {"lesson", "tables": [{"title", "columns", "rows"}]};
/// values that are not finite are written as null.
/// </remarks>
public sealed class LessonWriter
{
    private const int MinimumWidth = 8;

    private readonly TextWriter _output;
    private readonly LessonFormat _format;
    private readonly string _lesson;
    private int[] _widths = [];
    private int[] _decimals = [];
    private int _tables;
    private int _rowsInTable;
    private bool _finished;

    public LessonWriter(TextWriter output, LessonFormat format, string lesson)
    {
        _output = output;
        _format = format;
        _lesson = lesson;
    }

    /// <summary>Starts a new table; the rows that follow belong to it.</summary>
    public void BeginTable(string title, IReadOnlyList<string> columns, IReadOnlyList<int> decimals)
    {
        if (columns.Count != decimals.Count) throw new ArgumentException("one decimals entry per column");
        _decimals = decimals.ToArray();
        _widths = new int[columns.Count];
        for (int i = 0; i < columns.Count; i++)
        {
            // Room for the name, or for a sign, four integer digits, the point and the decimals.
            _widths[i] = Math.Max(Math.Max(columns[i].Length, MinimumWidth), decimals[i] + 6);
        }
        switch (_format)
        {
            case LessonFormat.Table:
                if (_tables > 0) _output.WriteLine();
                _output.WriteLine(title);
                _output.WriteLine(string.Join("  ", columns.Select((c, i) => c.PadLeft(_widths[i]))));
                break;
            case LessonFormat.Csv:
                if (_tables > 0) _output.WriteLine();
                _output.WriteLine("# " + title);
                _output.WriteLine(string.Join(",", columns.Select(CsvField)));
                break;
            case LessonFormat.Json:
                _output.Write(_tables == 0 ? "{\"lesson\":" + JsonSerializer.Serialize(_lesson) + ",\"tables\":[" : "]},");
                _output.Write("{\"title\":" + JsonSerializer.Serialize(title) + ",\"columns\":" + JsonSerializer.Serialize(columns) + ",\"rows\":[");
                break;
        }
        _tables++;
        _rowsInTable = 0;
    }

    /// <summary>Writes one row of the current table (one value per column).</summary>
    public void Row(ReadOnlySpan<float> values)
    {
        if (_tables == 0) throw new InvalidOperationException("BeginTable before Row");
        if (values.Length != _widths.Length) throw new ArgumentException($"expected {_widths.Length} values, got {values.Length}");
        switch (_format)
        {
            case LessonFormat.Table:
                var cells = new string[values.Length];
                for (int i = 0; i < values.Length; i++) cells[i] = Fixed(values[i], _decimals[i]).PadLeft(_widths[i]);
                _output.WriteLine(string.Join("  ", cells));
                break;
            case LessonFormat.Csv:
                var fields = new string[values.Length];
                for (int i = 0; i < values.Length; i++) fields[i] = RoundTrip(values[i]);
                _output.WriteLine(string.Join(",", fields));
                break;
            case LessonFormat.Json:
                var numbers = new string[values.Length];
                for (int i = 0; i < values.Length; i++) numbers[i] = float.IsFinite(values[i]) ? RoundTrip(values[i]) : "null";
                _output.Write((_rowsInTable == 0 ? "[" : ",[") + string.Join(",", numbers) + "]");
                break;
        }
        _rowsInTable++;
        _output.Flush();
    }

    /// <summary>Closes the output (the JSON object); call once after the last row.</summary>
    public void Finish()
    {
        if (_finished) return;
        _finished = true;
        if (_format == LessonFormat.Json)
        {
            _output.WriteLine(_tables == 0 ? "{\"lesson\":" + JsonSerializer.Serialize(_lesson) + ",\"tables\":[]}" : "]}]}");
        }
        _output.Flush();
    }

    /// <summary>A value rounded to <paramref name="decimals"/> places, as the lecture prints it (no "-0.0000").</summary>
    public static string Fixed(float value, int decimals)
    {
        if (!float.IsFinite(value)) return value.ToString(CultureInfo.InvariantCulture);
        string text = ((double)value).ToString("F" + decimals, CultureInfo.InvariantCulture);
        return text.TrimStart('-').All(c => c == '0' || c == '.') ? text.TrimStart('-') : text;
    }

    private static string RoundTrip(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string CsvField(string text) =>
        text.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
}
