using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board.Requests
{
    /// <summary>
    /// UPLOAD_BEGIN, UPLOAD_CHUNK and UPLOAD_COMMIT: the upload state machine. Chunks go into the
    /// store's upload file; the commit checks what the store really holds (CRC and model file check)
    /// before it replaces the active model, so a broken upload never costs the board its model.
    /// </summary>
    public sealed class UploadHandler
    {
        private const int FlagStartOver = 1;

        private readonly IModelStore _store;
        private readonly StoreFile _uploadFile;
        private readonly ChunkedModelReader _reader;
        private readonly LoadedModel _loaded;
        private readonly int _maxModelBytes;

        // The upload this boot has accepted an UPLOAD_BEGIN for.
        private bool _uploading;
        private int _size;
        private uint _crc;

        /// <summary>
        /// Uploads into <paramref name="store"/> files of 1 to <paramref name="maxModelBytes"/> bytes, checks
        /// them through <paramref name="reader"/> and reloads <paramref name="loaded"/> after a commit.
        /// </summary>
        public UploadHandler(IModelStore store, ChunkedModelReader reader, LoadedModel loaded, int maxModelBytes)
        {
            _store = store;
            _uploadFile = new StoreFile(store, true);
            _reader = reader;
            _loaded = loaded;
            _maxModelBytes = maxModelBytes;
        }

        /// <summary>Forgets the accepted upload (after a reboot the host resumes through the prefix CRC).</summary>
        public void Reset()
        {
            _uploading = false;
        }

        /// <summary>Reads UPLOAD_BEGIN (size, CRC, flags), starts or resumes the upload and writes the reply; returns its type.</summary>
        public int Begin(PayloadReader r, PayloadWriter w)
        {
            uint size = r.U32();
            uint crc = r.U32();
            int flags = r.U8();
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.UploadBegin, r);
            }
            if (size == 0 || size > (uint)_maxModelBytes)
            {
                return Replies.Error(w, ErrorCode.UploadTooLarge, ModelFit.FlashMessage(size, _maxModelBytes, _loaded.Profile.Name));
            }
            int total = (int)size;
            int have = _store.UploadLength;
            // Resume a partial upload when it can be the same file: this boot saw the same size and CRC,
            // or (after a reboot) the host checks the prefix CRC sent back and starts over if it differs.
            bool sameFile = _uploading ? (_size == total && _crc == crc) : true;
            bool resume = (flags & FlagStartOver) == 0 && sameFile && have > 0 && have <= total;
            if (!resume)
            {
                _store.BeginUpload();
                have = 0;
            }
            if (_reader.Checksum(_uploadFile, have) < have)
            {
                return Replies.Error(w, ErrorCode.BoardFailure, "the store returned fewer upload bytes than it holds");
            }
            _uploading = true;
            _size = total;
            _crc = crc;
            w.I32(have);
            w.U32(_reader.FileCrc);
            return MessageType.UploadReady;
        }

        /// <summary>Reads UPLOAD_CHUNK (offset, bytes), stores what is new and writes the reply; returns its type.</summary>
        public int Chunk(PayloadReader r, PayloadWriter w)
        {
            uint offset = r.U32();
            if (!r.Ok)
            {
                return Replies.BadRequest(w, MessageType.UploadChunk, r);
            }
            int count = r.Remaining;
            if (!_uploading)
            {
                return Replies.Error(w, ErrorCode.NoUpload, "UPLOAD_CHUNK without an upload in progress: send UPLOAD_BEGIN first");
            }
            if (offset > (uint)_size || count > _size - (int)offset)
            {
                return Replies.Error(w, ErrorCode.BadOffset, "a " + count.ToString() + "-byte chunk at offset " + offset.ToString()
                    + " runs past the announced " + _size.ToString() + " bytes");
            }
            int at = (int)offset;
            int have = _store.UploadLength;
            // A chunk we already have (a late retry) is acknowledged, not appended again; a chunk past a gap
            // is not stored: the ack tells the host where to continue from.
            if (at <= have && at + count > have)
            {
                int skip = have - at;
                _store.AppendUpload(r.Buffer, r.Position + skip, count - skip);
                have = _store.UploadLength;
            }
            w.I32(have);
            return MessageType.ChunkAck;
        }

        /// <summary>Reads UPLOAD_COMMIT (empty), verifies and commits the upload, reloads the model and writes the reply; returns its type.</summary>
        public int Commit(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.UploadCommit, r);
            }
            if (!_uploading)
            {
                return Replies.Error(w, ErrorCode.NoUpload, "UPLOAD_COMMIT without an upload in progress: nothing to commit");
            }
            int have = _store.UploadLength;
            if (have != _size)
            {
                return Replies.Error(w, ErrorCode.UploadIncomplete, "the upload is incomplete: " + have.ToString() + " of "
                    + _size.ToString() + " bytes arrived");
            }

            return Install(_crc, "UPLOAD_BEGIN announced", "send the model again", w);
        }

        /// <summary>
        /// The commit every new active model goes through (an upload, and KEEP after fine-tuning): checks
        /// that the store's upload file has CRC-32 <paramref name="expectedCrc"/> and is a valid model, makes
        /// it the active model atomically (<see cref="IModelStore.CommitUpload"/>), reloads the model and
        /// writes the reply (ACK, or ERROR with the upload discarded and the previous model active).
        /// <paramref name="expectedBy"/> and <paramref name="retry"/> complete the error messages.
        /// </summary>
        public int Install(uint expectedCrc, string expectedBy, string retry, PayloadWriter w)
        {
            // Verify what the store really holds, not what we think we wrote to it (its shape only, no parameters kept).
            int have = _store.UploadLength;
            string problem = _reader.Read(_uploadFile, have, LoadMode.Shape);
            Model shape = _reader.TakeModel();
            uint crc = _reader.FileCrc;
            if (crc != expectedCrc)
            {
                Abandon();
                return Replies.Error(w, ErrorCode.UploadCorrupt, "the uploaded bytes have CRC-32 " + Hex(crc) + " but " + expectedBy + " "
                    + Hex(expectedCrc) + ": the upload was discarded, " + retry);
            }
            if (problem != null)
            {
                Abandon();
                return Replies.Error(w, ErrorCode.ModelInvalid, "the upload is not a valid model: " + problem
                    + "; the previous model stays active");
            }

            ModelFit fit = ModelFit.Of(shape, have, _loaded.Profile);
            if (!fit.Runs)
            {
                Abandon();
                return Replies.Error(w, ErrorCode.ModelTooLargeForHeap, fit.HeapMessage() + "; the previous model stays active");
            }

            _store.CommitUpload();
            _uploading = false;
            _loaded.Load();
            if (_loaded.Model == null)
            {
                return Replies.Error(w, ErrorCode.BoardFailure, "the model was stored but could not be loaded: " + _loaded.Status);
            }
            return MessageType.Ack;
        }

        private void Abandon()
        {
            _store.DiscardUpload();
            _uploading = false;
        }

        private static string Hex(uint value)
        {
            return "0x" + value.ToString("X8");
        }
    }
}
