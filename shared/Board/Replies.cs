using TinyNet.Link;

namespace TinyNet.Board
{
    /// <summary>The ERROR replies every request handler writes, worded the same way everywhere.</summary>
    public static class Replies
    {
        /// <summary>Writes an ERROR payload (code and reason); returns <see cref="MessageType.Error"/>.</summary>
        public static int Error(PayloadWriter w, int code, string reason)
        {
            w.U8(code);
            w.Text(reason, LinkProtocol.MaxPayload - 3);
            return MessageType.Error;
        }

        /// <summary>The ERROR for a payload of <paramref name="type"/> that does not have the request's layout.</summary>
        public static int BadRequest(PayloadWriter w, int type, PayloadReader r)
        {
            return Error(w, ErrorCode.BadRequest, "malformed " + MessageType.Name(type) + " payload ("
                + r.Length.ToString() + " bytes)");
        }
    }
}
