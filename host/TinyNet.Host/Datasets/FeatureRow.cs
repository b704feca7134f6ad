using System.Globalization;

namespace TinyNet.Host.Datasets;

/// <summary>
/// One vector of feature values typed on the command line (<c>predict --values</c> or <c>--csv-row</c>):
/// a CSV line read by <see cref="CsvLine"/>, every field a finite number. A mistake is a usage error
/// naming the field.
/// </summary>
public static class FeatureRow
{
    /// <summary>
    /// The values of <paramref name="text"/>; <paramref name="option"/> ("--values") names the source in
    /// errors. Throws <see cref="UserError"/> (exit 2) for an empty row, a field that is not a number, NaN or an infinity.
    /// </summary>
    public static float[] Parse(string text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
            throw new UserError($"{option} is empty; give the feature values separated by commas, such as {option} \"0.12,-3.5,41\"", 2);
        string[] fields;
        try
        {
            fields = CsvLine.Split(text, option);
        }
        catch (UserError e)
        {
            throw new UserError(e.Message, 2); // an unclosed quote here is a mistyped argument, not a bad file
        }
        var values = new float[fields.Length];
        for (int i = 0; i < fields.Length; i++)
        {
            if (CsvLine.TryNumber(fields[i], out values[i])) continue;
            string where = $"{option}: field {i + 1} of {fields.Length}";
            if (fields[i].Length == 0)
                throw new UserError($"{where} is empty; give a number for every feature", 2);
            // TryNumber refuses NaN and infinities too; say so rather than "not a number" for "NaN".
            if (float.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out float parsed))
                throw new UserError($"{where} is {(float.IsNaN(parsed) ? "NaN" : "infinite")}; the board takes finite numbers only", 2);
            throw new UserError($"{where} ('{fields[i]}') is not a number; write numbers with a decimal point, such as 0.25 or -1.5e3", 2);
        }
        return values;
    }
}
