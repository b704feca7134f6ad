using CsCheck;
using TinyNet.Link;

namespace TinyNet.Fuzz.Hostile;

/// <summary>A frame as sent: type, seq, payload.</summary>
public sealed record LinkFrame(int Type, int Seq, byte[] Payload)
{
    /// <summary>True when the decoder's current frame is this one, byte for byte.</summary>
    public bool Matches(FrameDecoder decoder) =>
        decoder.Type == Type && decoder.Seq == Seq
        && decoder.Buffer.AsSpan(decoder.PayloadOffset, decoder.PayloadLength).SequenceEqual(Payload);

    /// <summary>The encoded bytes on the wire, delimiters included.</summary>
    public byte[] Wire()
    {
        var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        int n = encoder.Encode(Type, Seq, Payload, 0, Payload.Length);
        return encoder.Output.AsSpan(0, n).ToArray();
    }
}

/// <summary>
/// Random link frames with payloads of 0 … 1024 bytes shaped to stress COBS: random bytes, mostly
/// zeros, no zeros at all (full 254-byte blocks), and lengths around the block boundaries.
/// </summary>
public static class LinkGen
{
    private static readonly Gen<byte[]> Payload = Gen.Frequency(
        (3, Gen.Byte.Array[0, 64]),
        (1, Gen.Byte.Array[0, LinkProtocol.MaxPayload]),
        (1, Gen.OneOf<byte>(0, 0, 0, 1, 0xFF).Array[0, 600]),
        (1, Gen.Byte[1, 255].Array[0, LinkProtocol.MaxPayload]),
        (1, Gen.Int[250, 260].SelectMany(n => Gen.Byte[1, 255].Array[n])));

    /// <summary>A random frame.</summary>
    public static readonly Gen<LinkFrame> Frame =
        Gen.Select(Gen.Int[0, 255], Gen.Int[0, 255], Payload, (type, seq, payload) => new LinkFrame(type, seq, payload));
}
