using Google.Protobuf;
using TinyNet.Host.Files;
using TinyNet.Host.Onnx.Schema;

namespace TinyNet.Host.Onnx;

/// <summary>
/// Reads and writes .onnx files through the ONNX schema compiled by protoc (onnx.proto), so every
/// byte of protobuf is decoded by Google.Protobuf. Problems become one-line <see cref="UserError"/>s.
/// </summary>
public static class OnnxFile
{
    internal static ModelProto Read(string path)
    {
        // ONNX files of models this small are well under 1 GB; a device file is refused, not read forever.
        byte[] bytes = Files.InputFile.ReadBytes(path, 1L << 30, "an ONNX file (.onnx)");
        ModelProto model;
        try
        {
            model = ModelProto.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new UserError($"{path} is not a readable ONNX file ({FirstSentence(e.Message)}); is it truncated, or another kind of file?");
        }
        // Protobuf accepts many byte strings that are not ONNX (an empty file parses as an empty
        // message): a real ONNX model always names its IR version and has a graph with nodes.
        if (!model.HasIrVersion || model.Graph == null || model.Graph.Node.Count == 0)
            throw new UserError($"{path} is not an ONNX model (no IR version or no graph with nodes); export one with torch.onnx.export or tf2onnx");
        return model;
    }

    /// <summary>Writes all or nothing: a temporary file, then a rename.</summary>
    internal static long Write(ModelProto model, string path) => WriteAtomically(model.ToByteArray(), path);

    /// <summary>Writes bytes all or nothing (any output file of import/export).</summary>
    public static long WriteAtomically(byte[] bytes, string path)
    {
        AtomicFile.Write(path, temp => File.WriteAllBytes(temp, bytes), e => $"cannot write {path}: {e.Message}");
        return bytes.Length;
    }

    private static string FirstSentence(string message)
    {
        int end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.');
    }
}
