using System.Text.Json;

namespace TinyNet.Host.Onnx;

/// <summary>
/// A model's class names in an ONNX file: ONNX has no field for them, so they travel in the model's
/// metadata_props under <see cref="Key"/>, as a JSON array of strings (a name may hold commas or quotes).
/// Export writes it when the model names its classes; import reads it back.
/// </summary>
public static class OnnxClassNames
{
    /// <summary>The metadata_props key.</summary>
    public const string Key = "class_names";

    /// <summary>The names as the metadata value: a JSON array of strings.</summary>
    public static string Encode(string[] names) => JsonSerializer.Serialize(names);

    /// <summary>
    /// The names in <paramref name="metadata"/>, or null when there are none. A value that is not a JSON
    /// array of strings is refused with a <see cref="UserError"/>.
    /// </summary>
    public static string[]? From(IReadOnlyDictionary<string, string> metadata)
    {
        if (!metadata.TryGetValue(Key, out string? value)) return null;
        try
        {
            string[]? names = JsonSerializer.Deserialize<string[]>(value);
            if (names != null && names.All(n => n != null)) return names;
        }
        catch (JsonException)
        {
        }
        throw new UserError($"the model's metadata '{Key}' is not a JSON array of strings (such as [\"idle\",\"wave\"]); correct or remove that entry");
    }
}
