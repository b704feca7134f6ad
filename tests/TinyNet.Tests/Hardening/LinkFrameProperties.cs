using CsCheck;
using TinyNet.Checksums;
using TinyNet.Fuzz.Hostile;
using TinyNet.Link;

namespace TinyNet.Tests.Hardening;

/// <summary>The COBS frame codec against random frames, random damage and random noise.</summary>
public class LinkFrameProperties
{
    [Fact]
    public void RandomFramesRoundTrip()
    {
        var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        LinkGen.Frame.Sample(frame =>
        {
            byte[] wire = frame.Wire();
            Assert.True(wire.Length <= LinkProtocol.MaxEncodedLength(frame.Payload.Length));
            Assert.True(wire.AsSpan(1, wire.Length - 2).IndexOf((byte)0) < 0, "a 0x00 inside the frame would end it early");
            int delivered = 0;
            foreach (byte b in wire)
            {
                if (decoder.Push(b))
                {
                    Assert.True(frame.Matches(decoder));
                    delivered++;
                }
            }
            Assert.Equal(1, delivered);
        }, iter: Cases.Count, threads: 1);
    }

    [Fact]
    public void DamagedFramesAreDroppedNeverDeliveredChanged()
    {
        var gen = from frame in LinkGen.Frame
                  let wire = frame.Wire()
                  from damaged in Damage.Transport(wire, 8)
                  select (frame, damaged);
        gen.Sample((frame, damaged) =>
        {
            var verdict = LinkJudge.Judge(frame, damaged);
            Assert.True(verdict.IsGood, verdict.ToString());
        }, iter: Cases.Count);
    }

    [Fact]
    public void NoiseNeverYieldsAFrameNeverThrowsNeverAllocates()
    {
        // Noise with every density of zeros (delimiters): from none to one in two.
        var noise = from zeroEvery in Gen.Int[2, 1000]
                    from bytes in Gen.Int[0, 255].Array[0, 4000]
                    select bytes.Select((v, i) => v % zeroEvery == 0 ? (byte)0 : (byte)(v | 1)).ToArray();
        var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        decoder.Push(1); decoder.Push(0); // warm up
        noise.Sample(bytes =>
        {
            int frames = decoder.Frames;
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < bytes.Length; i++) decoder.Push(bytes[i]);
            decoder.Push(0);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            // A frame out of noise needs a 2^-32 CRC match; if one ever appears it must at least carry a matching CRC.
            if (decoder.Frames != frames)
            {
                int n = decoder.PayloadLength + 2;
                Assert.Equal(decoder.FrameCrc, Crc32.Compute(decoder.Buffer, 0, n));
            }
            Assert.Equal(frames, decoder.Frames);
        }, iter: Cases.Count, threads: 1);
    }

    [Fact]
    public void TheJudgeCatchesAChangedFrame()
    {
        var sent = new LinkFrame(3, 7, [1, 2, 3]);
        byte[] other = new LinkFrame(3, 7, [1, 2, 4]).Wire();
        Assert.Equal(Outcome.WrongAcceptance, LinkJudge.Judge(sent, new Damaged("swap", other)).Outcome);
        Assert.Equal(Outcome.StillValid, LinkJudge.Judge(sent, new Damaged("tail", [.. sent.Wire(), 5])).Outcome);
        Assert.Equal(Outcome.Refused, LinkJudge.Judge(sent, new Damaged("cut", sent.Wire()[..^2])).Outcome);
    }
}
