using TinyNet.Bytes;
using TinyNet.Link;
using TinyNet.Numerics;

namespace TinyNet.Tests.Link;

public class FramingTests
{
    private static byte[] Frame(FrameEncoder encoder, int type, int seq, byte[] payload)
    {
        int n = encoder.Encode(type, seq, payload, 0, payload.Length);
        Assert.True(n > 0);
        return encoder.Output.AsSpan(0, n).ToArray();
    }

    private static List<(int Type, int Seq, byte[] Payload)> Feed(FrameDecoder decoder, byte[] bytes)
    {
        var frames = new List<(int, int, byte[])>();
        foreach (byte b in bytes)
        {
            if (decoder.Push(b))
            {
                frames.Add((decoder.Type, decoder.Seq,
                    decoder.Buffer.AsSpan(decoder.PayloadOffset, decoder.PayloadLength).ToArray()));
            }
        }
        return frames;
    }

    private static byte[] Payload(Prng rng, int length, int kind)
    {
        var p = new byte[length];
        for (int i = 0; i < length; i++)
        {
            // kind 0: random; 1: all zeros; 2: no zeros at all (COBS's 254-byte blocks); 3: mostly 0xFF
            p[i] = kind switch
            {
                0 => (byte)rng.NextUInt(),
                1 => 0,
                2 => (byte)(1 + rng.NextInt(255)),
                _ => rng.NextInt(10) == 0 ? (byte)0 : (byte)0xFF,
            };
        }
        return p;
    }

    [Fact]
    public void EveryPayloadLengthAndShapeRoundTrips()
    {
        var rng = new Prng(1);
        var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        int[] lengths = { 0, 1, 2, 247, 248, 249, 250, 251, 252, 253, 254, 255, 500, 507, 508, 509, 1023, 1024 };
        foreach (int length in lengths)
        {
            for (int kind = 0; kind < 4; kind++)
            {
                byte[] payload = Payload(rng, length, kind);
                byte[] wire = Frame(encoder, 0x42, length & 0xFF, payload);
                Assert.True(wire.Length <= LinkProtocol.MaxEncodedLength(length));
                Assert.Equal(0, wire[0]);
                Assert.Equal(0, wire[^1]);
                Assert.Equal(2, wire.Count(b => b == 0)); // zeros only as delimiters
                var got = Assert.Single(Feed(decoder, wire));
                Assert.Equal(0x42, got.Type);
                Assert.Equal(length & 0xFF, got.Seq);
                Assert.Equal(payload, got.Payload);
            }
        }
        Assert.Equal(0, decoder.Dropped);
    }

    [Fact]
    public void GarbageBetweenFramesIsDroppedAndFramesSurvive()
    {
        var rng = new Prng(2);
        var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        var stream = new List<byte>();
        var sent = new List<byte[]>();
        for (int i = 0; i < 200; i++)
        {
            int garbage = rng.NextInt(40);
            for (int g = 0; g < garbage; g++)
            {
                stream.Add((byte)rng.NextUInt());
            }
            byte[] payload = Payload(rng, rng.NextInt(300), 0);
            sent.Add(payload);
            stream.AddRange(Frame(encoder, 7, i & 0xFF, payload));
        }
        var frames = Feed(decoder, stream.ToArray());
        // Random garbage passes a CRC-32 with probability 2^-32: every frame received is a sent one, all arrive.
        Assert.Equal(sent.Count, frames.Count);
        for (int i = 0; i < sent.Count; i++)
        {
            Assert.Equal(sent[i], frames[i].Payload);
        }
        Assert.True(decoder.Dropped > 0);
    }

    [Fact]
    public void EverySingleBitFlipIsCaughtAndTheNextFrameStillArrives()
    {
        var rng = new Prng(3);
        var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        byte[] payload = Payload(rng, 300, 3);
        byte[] wire = Frame(encoder, 3, 9, payload);
        byte[] next = Frame(encoder, 4, 10, new byte[] { 1, 2, 3 });
        for (int bit = 0; bit < wire.Length * 8; bit++)
        {
            var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
            byte[] flipped = (byte[])wire.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var frames = Feed(decoder, flipped.Concat(next).ToArray());
            // A flip in a delimiter can only merge or split frames; none of the pieces passes the CRC.
            var last = frames[^1];
            Assert.Equal(4, last.Type);
            Assert.Equal(new byte[] { 1, 2, 3 }, last.Payload);
            Assert.All(frames.Take(frames.Count - 1), f => Assert.Equal(payload, f.Payload));
        }
    }

    [Fact]
    public void TruncatedFramesAreDroppedAtTheNextDelimiter()
    {
        var rng = new Prng(4);
        var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        byte[] wire = Frame(encoder, 5, 1, Payload(rng, 600, 0));
        byte[] next = Frame(encoder, 6, 2, Payload(rng, 5, 0));
        for (int cut = 1; cut < wire.Length - 1; cut++)
        {
            var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
            var frames = Feed(decoder, wire.Take(cut).Concat(next).ToArray());
            var only = Assert.Single(frames);
            Assert.Equal(6, only.Type);
        }
    }

    [Fact]
    public void OversizedFramesAreCountedNotStored()
    {
        var big = new FrameEncoder(4000);
        var small = new FrameEncoder(LinkProtocol.MaxPayload);
        var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        byte[] huge = new byte[3000];
        Array.Fill(huge, (byte)0x55);
        var frames = Feed(decoder, Frame(big, 1, 1, huge).Concat(Frame(small, 2, 2, new byte[] { 9 })).ToArray());
        Assert.Equal(2, Assert.Single(frames).Type);
        Assert.Equal(1, decoder.Oversized);
        Assert.Equal(-1, small.Encode(1, 1, huge, 0, huge.Length));
    }

    [Fact]
    public void EndlessNonZeroGarbageNeverOverrunsTheBuffer()
    {
        var rng = new Prng(5);
        var decoder = new FrameDecoder(64);
        for (int i = 0; i < 100_000; i++)
        {
            Assert.False(decoder.Push((byte)(1 + rng.NextInt(255))));
        }
        Assert.False(decoder.Push(0));
        Assert.Equal(1, decoder.Oversized);
    }

    [Fact]
    public void FloatBitsMatchDotNetForEveryKindOfFloat()
    {
        var rng = new Prng(6);
        var specials = new uint[] { 0, 0x80000000, 1, 0x80000001, 0x007FFFFF, 0x00800000, 0x7F7FFFFF, 0x7F800000, 0xFF800000, 0x3F800000 };
        foreach (uint bits in specials.Concat(Enumerable.Range(0, 200_000).Select(_ => rng.NextUInt())))
        {
            float f = BitConverter.UInt32BitsToSingle(bits);
            if (float.IsNaN(f))
            {
                Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle(FloatBits.ToBits(f))));
            }
            else
            {
                Assert.Equal(bits, FloatBits.ToBits(f));
            }
        }
    }

    [Fact]
    public void PayloadCodecRoundTripsAndFlagsOverrunsInsteadOfThrowing()
    {
        var buffer = new byte[64];
        var w = new PayloadWriter();
        w.Reset(buffer, 3, 40);
        w.U8(200);
        w.U16(0xBEEF);
        w.U32(0xDEADBEEF);
        w.I32(-5);
        w.F32(-1.5f);
        w.Text("héllo\u0007", 10);
        Assert.False(w.Overflow);
        Assert.Equal(0xEF, buffer[4]); // little-endian on the wire
        Assert.Equal(0xBE, buffer[5]);
        int length = w.Length;
        w.Bytes(new byte[40], 0, 40);
        Assert.True(w.Overflow);

        var r = new PayloadReader();
        r.Reset(buffer, 3, length);
        Assert.Equal(200, r.U8());
        Assert.Equal(0xBEEF, r.U16());
        Assert.Equal(0xDEADBEEF, r.U32());
        Assert.Equal(-5, r.I32());
        Assert.Equal(-1.5f, r.F32());
        Assert.Equal("héllo?", r.Text()); // UTF-8 kept, the bell made harmless
        Assert.True(r.AtEnd);
        Assert.Equal(0u, r.U32());
        Assert.False(r.Ok);

        r.Reset(new byte[] { 0xFF, 0xFF, 1 }, 0, 3); // text claiming 65535 bytes
        Assert.Equal("", r.Text());
        Assert.False(r.Ok);
    }

    [Fact]
    public void Utf8TextMatchesDotNetAndSurvivesHostileBytes()
    {
        var rng = new Prng(8);
        var buffer = new byte[400];
        for (int t = 0; t < 5000; t++)
        {
            // Printable text from every plane: ASCII, Latin, Greek/math, CJK, emoji (surrogate pairs).
            var sb = new System.Text.StringBuilder();
            int length = rng.NextInt(40);
            for (int i = 0; i < length; i++)
            {
                int cp = rng.NextInt(5) switch
                {
                    0 => 0x20 + rng.NextInt(0x5F),
                    1 => 0xA0 + rng.NextInt(0x700),
                    2 => 0x2000 + rng.NextInt(0x200),
                    3 => 0x4E00 + rng.NextInt(0x5000),
                    _ => 0x1F600 + rng.NextInt(0x50),
                };
                sb.Append(char.ConvertFromUtf32(cp));
            }
            string text = sb.ToString();
            int n = Utf8Text.Encode(text, buffer, 0, buffer.Length);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), buffer.Take(n).ToArray());
            Assert.Equal(text, Utf8Text.Decode(buffer, 0, n));

            // Cut short: never half a character.
            int cut = Utf8Text.Encode(text, buffer, 0, rng.NextInt(n + 1));
            Assert.StartsWith(Utf8Text.Decode(buffer, 0, cut), text);
        }
        for (int t = 0; t < 5000; t++)
        {
            var junk = new byte[rng.NextInt(30)];
            for (int i = 0; i < junk.Length; i++)
            {
                junk[i] = (byte)rng.NextUInt();
            }
            string decoded = Utf8Text.Decode(junk, 0, junk.Length);
            Assert.True(decoded.Length <= junk.Length);
            Assert.DoesNotContain(decoded, c => c < 0x20 && c != '\t' && c != '\n');
        }
        Assert.Equal("?", Utf8Text.Decode(new byte[] { 0xC0, 0x80 }, 0, 2).Substring(0, 1)); // overlong NUL refused
        Assert.Equal("??", Utf8Text.Decode(new byte[] { 0xED, 0xA0 }, 0, 2)); // truncated surrogate
    }
}
