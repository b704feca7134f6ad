using TinyNet.Link;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Feeds damaged wire bytes of one frame to a fresh decoder (then a delimiter, as the next frame
/// would bring) and judges what comes out.
/// </summary>
/// <remarks>
/// Refused: no frame came out (the decoder counted the damaged frame as bad-CRC, malformed or
/// oversized). Still valid: exactly the original frame came out (the damage hit only bytes around
/// it, e.g. an extra byte after the closing delimiter). Wrong acceptance: a frame came out that
/// differs from the original in type, seq or payload — a CRC-32 collision, probability about 2^-32
/// per damaged frame.
/// </remarks>
public static class LinkJudge
{
    /// <summary>Judges one damaged frame.</summary>
    public static Verdict Judge(LinkFrame original, Damaged damaged)
    {
        var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        int good = 0;
        try
        {
            foreach (byte b in damaged.Bytes)
            {
                if (decoder.Push(b) && !Delivered(decoder, original, ref good, out var wrong)) return wrong!;
            }
            if (decoder.Push(0) && !Delivered(decoder, original, ref good, out var wrongLast)) return wrongLast!;
        }
        catch (Exception e)
        {
            return new Verdict(Outcome.Crash, $"{damaged.Kind}: {e.GetType().Name}: {e.Message}");
        }
        if (good > 0) return new Verdict(Outcome.StillValid, damaged.Kind);
        string reason = decoder.BadCrc > 0 ? "bad CRC" : decoder.Oversized > 0 ? "oversized" : decoder.Malformed > 0 ? "malformed" : "no frame";
        return new Verdict(Outcome.Refused, reason);
    }

    private static bool Delivered(FrameDecoder decoder, LinkFrame original, ref int good, out Verdict? wrong)
    {
        wrong = null;
        if (original.Matches(decoder))
        {
            good++;
            return true;
        }
        wrong = new Verdict(Outcome.WrongAcceptance,
            $"delivered type {decoder.Type} seq {decoder.Seq} with {decoder.PayloadLength} payload bytes instead of the sent frame");
        return false;
    }
}
