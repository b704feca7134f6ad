using TinyNet.Link;

namespace TinyNet.Board.Requests
{
    /// <summary>
    /// PULL: sends the store's active model file back from the offset the host asks for, as much as
    /// one frame holds; the host asks again from where it got to, so a cut costs only the chunk in flight.
    /// </summary>
    public sealed class PullRequest
    {
        private const int CopyBlock = 256;

        private readonly IModelStore _store;
        private readonly byte[] _block = new byte[CopyBlock];

        /// <summary>Reads the active file of <paramref name="store"/>.</summary>
        public PullRequest(IModelStore store)
        {
            _store = store;
        }

        /// <summary>Reads PULL (u32 offset) and writes PULL_CHUNK; returns the reply type.</summary>
        public int Answer(PayloadReader r, PayloadWriter w)
        {
            uint offset = r.U32();
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.Pull, r);
            }
            int length = _store.ActiveLength;
            if (length < 4)
            {
                return Replies.Error(w, ErrorCode.BadPull, "the board stores no model to pull: flash one first");
            }
            if (offset > (uint)length)
            {
                return Replies.Error(w, ErrorCode.BadPull, "PULL from offset " + offset.ToString() + " but the model file has "
                    + length.ToString() + " bytes");
            }
            if (_store.ReadActive(length - 4, _block, 0, 4) != 4)
            {
                return Replies.Error(w, ErrorCode.BoardFailure, "the store returned fewer model bytes than it holds");
            }
            w.U32((uint)length);
            w.U32(Bytes.LittleEndian.U32(_block, 0));
            w.U32(offset);
            int at = (int)offset;
            int end = length - at < w.Remaining ? length : at + w.Remaining;
            while (at < end)
            {
                int want = end - at < CopyBlock ? end - at : CopyBlock;
                int got = _store.ReadActive(at, _block, 0, want);
                if (got != want)
                {
                    // Part of the reply is written; the session answers a thrown exception with a fresh ERROR.
                    throw new System.InvalidOperationException("the store returned fewer model bytes than it holds");
                }
                w.Bytes(_block, 0, got);
                at += got;
            }
            return MessageType.PullChunk;
        }
    }
}
