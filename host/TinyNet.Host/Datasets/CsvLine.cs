using System.Globalization;
using System.Text;

namespace TinyNet.Host.Datasets;

/// <summary>
/// One line of a comma-separated file split into its fields, the way spreadsheets write them:
/// fields may be wrapped in double quotes (a quote inside doubled, ""), spaces around a field are
/// dropped. A quoted field that runs past the end of the line is refused, not joined with the next.
/// </summary>
public static class CsvLine
{
    /// <summary>
    /// The fields of <paramref name="line"/>; <paramref name="where"/> names the line in the error
    /// ("line 12 of data.csv") when a quote is left open.
    /// </summary>
    public static string[] Split(string line, string where)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                int opened = i++;
                while (true)
                {
                    if (i >= line.Length)
                        throw new UserError($"{where}: the quote opened at column {opened + 1} is never closed; close it on the same line");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    field.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',')
                    throw new UserError($"{where}: text follows the closing quote at column {i + 1}; put a comma after a quoted field");
                fields.Add(field.ToString());
            }
            else
            {
                int start = i;
                while (i < line.Length && line[i] != ',') i++;
                fields.Add(line[start..i].TrimEnd(' ', '\t'));
            }
            if (i >= line.Length) return fields.ToArray();
            i++; // the comma
        }
    }

    /// <summary>
    /// Reads <paramref name="text"/> as a number the way a CSV file writes one (invariant culture:
    /// a point for decimals, exponents allowed); false for anything else, including NaN and infinities.
    /// </summary>
    public static bool TryNumber(string text, out float value)
    {
        bool ok = float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        if (ok && !float.IsFinite(value)) ok = false;
        return ok;
    }
}
