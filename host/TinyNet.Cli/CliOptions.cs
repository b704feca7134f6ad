using System.CommandLine;
using System.Globalization;

namespace TinyNet.Cli;

/// <summary>
/// Options every command shares the rules of: numbers that must be positive, parsed with the
/// invariant culture, and refused with one line that says what was given and what is wanted.
/// </summary>
public static class CliOptions
{
    /// <summary>An integer option that must be ≥ <paramref name="minimum"/>; unset means <paramref name="fallback"/>.</summary>
    public static Option<int> Integer(string name, string description, int minimum, int fallback)
    {
        var option = new Option<int>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= minimum)
                    return value;
                result.AddError($"{name} must be a whole number of at least {minimum}, not '{text}'");
                return fallback;
            },
        };
        // 0 stands for "the command decides" and is not worth showing as a default in --help.
        if (fallback != 0) option.DefaultValueFactory = _ => fallback;
        return option;
    }

    /// <summary>A number option that must be finite and &gt; 0; unset means <paramref name="fallback"/>.</summary>
    public static Option<float> PositiveNumber(string name, string description, float fallback, string example)
    {
        var option = new Option<float>(name)
        {
            Description = description,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && value > 0f && float.IsFinite(value))
                    return value;
                result.AddError($"{name} must be a positive number such as {example}, not '{text}'");
                return fallback;
            },
        };
        if (fallback != 0f) option.DefaultValueFactory = _ => fallback;
        return option;
    }
}
