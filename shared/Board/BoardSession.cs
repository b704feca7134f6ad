using TinyNet.Checksums;
using TinyNet.Kernels;
using TinyNet.Lessons;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board
{
    /// <summary>
    /// The board's side of the link: reads frames from a channel, answers each request with exactly
    /// one reply carrying the request's seq, uploads models into an <see cref="IModelStore"/>, predicts
    /// with the loaded model and streams lessons. The same code runs on the ESP32 and in the host's
    /// virtual board.
    /// </summary>
    /// <remarks>
    /// Use: construct, <see cref="Boot"/> once, then call <see cref="RunOnce"/> in a loop.
    /// Robustness rules: hostile or broken input gets an ERROR reply and the session keeps serving;
    /// nothing it receives makes it allocate more than one frame's worth (buffers are allocated
    /// up front, the model and lesson only when asked for). A repeated request (same seq and same
    /// bytes as the last one, i.e. a retry after a lost reply) is answered from the cached reply
    /// without being applied again.
    /// </remarks>
    public sealed class BoardSession
    {
        /// <summary>Bytes read from the channel per call.</summary>
        private const int ReadBlock = 64;

        /// <summary>Bytes read from the store per call when verifying or loading a model.</summary>
        private const int StoreBlock = 256;

        private const int FlagStartOver = 1;

        private readonly IByteChannel _channel;
        private readonly IModelStore _store;
        private readonly IBoardClock _clock;
        private readonly string _firmware;
        private readonly int _maxModelBytes;

        private readonly FrameDecoder _decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        private readonly FrameEncoder _encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        private readonly byte[] _readBuffer = new byte[ReadBlock];
        private readonly byte[] _storeBuffer = new byte[StoreBlock];

        // The last reply, kept encoded so a retried request is answered byte for byte the same.
        private readonly byte[] _cached = new byte[LinkProtocol.MaxEncodedLength(LinkProtocol.MaxPayload)];
        private int _cachedLength;
        private bool _hasCached;
        private int _cachedType;
        private int _cachedSeq;
        private uint _cachedCrc;

        // The upload this boot has accepted a UPLOAD_BEGIN for.
        private bool _uploading;
        private int _uploadSize;
        private uint _uploadCrc;

        // The loaded model.
        private Model _model;
        private string _modelStatus = "";
        private int _modelBytes;
        private uint _modelCrc;
        private float[] _input;
        private float[] _output;
        private Predictor _predictor;

        // The running lesson.
        private Lesson _lesson;
        private float[] _lessonRow;
        private int _lessonAnnounced;
        private int _lessonPendingTable;

        private int _requests;
        private int _repeats;
        private int _errors;

        /// <summary>
        /// Creates a session. <paramref name="firmwareVersion"/> is reported in INFO;
        /// <paramref name="maxModelBytes"/> is the largest model file accepted for upload.
        /// </summary>
        public BoardSession(IByteChannel channel, IModelStore store, IBoardClock clock, string firmwareVersion, int maxModelBytes)
        {
            if (channel == null || store == null || clock == null)
            {
                throw new System.ArgumentNullException("channel, store and clock are required");
            }
            _channel = channel;
            _store = store;
            _clock = clock;
            _firmware = firmwareVersion == null ? "" : firmwareVersion;
            _maxModelBytes = maxModelBytes;
        }

        /// <summary>True when a model is loaded and PREDICT works.</summary>
        public bool HasModel { get { return _model != null; } }

        /// <summary>The loaded model (null when none).</summary>
        public Model Model { get { return _model; } }

        /// <summary>Why the stored model was not loaded at boot or after a commit; empty when fine.</summary>
        public string ModelStatus { get { return _modelStatus; } }

        /// <summary>Requests answered (repeats included).</summary>
        public int Requests { get { return _requests; } }

        /// <summary>Requests recognised as retries and answered from the cached reply.</summary>
        public int Repeats { get { return _repeats; } }

        /// <summary>ERROR replies sent.</summary>
        public int Errors { get { return _errors; } }

        /// <summary>The frame decoder, for its counts of dropped frames.</summary>
        public FrameDecoder Decoder { get { return _decoder; } }

        /// <summary>
        /// Loads the active model from the store if it is valid; otherwise the board runs without one
        /// and <see cref="ModelStatus"/> says why. Call once after power-on.
        /// </summary>
        public void Boot()
        {
            _uploading = false;
            LoadActiveModel();
        }

        /// <summary>
        /// Reads whatever arrives within <paramref name="timeoutMilliseconds"/> (up to 64 bytes) and
        /// answers every request completed by it. Returns true when at least one request was answered.
        /// </summary>
        public bool RunOnce(int timeoutMilliseconds)
        {
            int n = _channel.Read(_readBuffer, 0, _readBuffer.Length, timeoutMilliseconds);
            bool handled = false;
            for (int i = 0; i < n; i++)
            {
                if (_decoder.Push(_readBuffer[i]))
                {
                    handled |= Handle();
                }
            }
            return handled;
        }

        /// <summary>Sends a LOG line to the host (seq 0; the host shows it, nothing answers it).</summary>
        public void SendLog(string text)
        {
            PayloadWriter w = _encoder.Begin();
            w.Text(text, LinkProtocol.MaxPayload - 2);
            if (_encoder.Finish(MessageType.Log, 0) > 0)
            {
                _encoder.Send(_channel);
            }
        }

        // Answers the frame the decoder holds; false when it was not a request.
        private bool Handle()
        {
            int type = _decoder.Type;
            if (type >= 0x80 || type == 0)
            {
                return false; // a reply or log (an echo, another board): answering would start a ping-pong
            }
            _requests++;
            int seq = _decoder.Seq;
            if (_hasCached && seq == _cachedSeq && type == _cachedType && _decoder.FrameCrc == _cachedCrc)
            {
                _repeats++;
                _channel.Write(_cached, 0, _cachedLength);
                return true;
            }

            PayloadReader r = _decoder.Payload();
            int replyType = Dispatch(type, r, _encoder.Begin());
            int length = _encoder.Finish(replyType, seq);
            if (length < 0)
            {
                // Cannot happen with the fixed layouts above; answer something rather than nothing.
                Error(_encoder.Begin(), ErrorCode.BoardFailure, "internal error: the reply did not fit in a frame");
                length = _encoder.Finish(MessageType.Error, seq);
            }
            System.Array.Copy(_encoder.Output, 0, _cached, 0, length);
            _cachedLength = length;
            _cachedSeq = seq;
            _cachedType = type;
            _cachedCrc = _decoder.FrameCrc;
            _hasCached = true;
            _encoder.Send(_channel);
            return true;
        }

        // Applies one request and writes its reply payload; returns the reply type.
        private int Dispatch(int type, PayloadReader r, PayloadWriter w)
        {
            try
            {
                switch (type)
                {
                    case MessageType.Hello: return Hello(r, w);
                    case MessageType.UploadBegin: return UploadBegin(r, w);
                    case MessageType.UploadChunk: return UploadChunk(r, w);
                    case MessageType.UploadCommit: return UploadCommit(r, w);
                    case MessageType.Predict: return Predict(r, w);
                    case MessageType.LessonStart: return LessonStart(r, w);
                    case MessageType.LessonNext: return LessonNext(r, w);
                    case MessageType.LessonStop: return LessonStop(r, w);
                    default:
                        return Error(w, ErrorCode.UnknownType, "unknown request " + MessageType.Name(type)
                            + ": the board and the host speak different protocol versions");
                }
            }
            catch (System.OutOfMemoryException)
            {
                _lesson = null;
                _lessonRow = null;
                return Error(_encoder.Begin(), ErrorCode.OutOfMemory, "the board ran out of memory for "
                    + MessageType.Name(type) + "; the request was not applied");
            }
            catch (System.Exception e)
            {
                // The store or the board failed (a full or broken flash); report it and keep serving.
                return Error(_encoder.Begin(), ErrorCode.BoardFailure, MessageType.Name(type) + " failed on the board: " + e.Message);
            }
        }

        private int Error(PayloadWriter w, int code, string reason)
        {
            _errors++;
            w.U8(code);
            w.Text(reason, LinkProtocol.MaxPayload - 3);
            return MessageType.Error;
        }

        private int BadRequest(PayloadWriter w, int type)
        {
            return Error(w, ErrorCode.BadRequest, "malformed " + MessageType.Name(type) + " payload ("
                + _decoder.PayloadLength.ToString() + " bytes)");
        }

        private int Hello(PayloadReader r, PayloadWriter w)
        {
            int version = r.U8();
            if (!r.AtEnd)
            {
                return BadRequest(w, MessageType.Hello);
            }
            if (version != LinkProtocol.Version)
            {
                return Error(w, ErrorCode.VersionMismatch, "the host speaks link protocol " + version.ToString()
                    + " but this board speaks " + LinkProtocol.Version.ToString() + ": update the host or the firmware");
            }
            BoardInfo info = new BoardInfo();
            info.ProtocolVersion = LinkProtocol.Version;
            info.FirmwareVersion = _firmware;
            info.FreeMemoryBytes = _clock.FreeMemoryBytes();
            info.MaxPayload = LinkProtocol.MaxPayload;
            info.MaxModelBytes = _maxModelBytes;
            info.ModelPresent = _model != null;
            info.ModelStatus = _modelStatus;
            if (_model != null)
            {
                info.ModelName = _model.Name;
                int layers = _model.LayerCount;
                info.Shape = new int[layers + 1];
                info.Shape[0] = _model.Inputs;
                for (int i = 0; i < layers; i++)
                {
                    info.Shape[i + 1] = _model.Layer(i).Neurons;
                }
                info.ModelBytes = _modelBytes;
                info.ModelCrc = _modelCrc;
            }
            info.Write(w);
            return MessageType.Info;
        }

        private int UploadBegin(PayloadReader r, PayloadWriter w)
        {
            uint size = r.U32();
            uint crc = r.U32();
            int flags = r.U8();
            if (!r.AtEnd)
            {
                return BadRequest(w, MessageType.UploadBegin);
            }
            if (size == 0 || size > (uint)_maxModelBytes)
            {
                return Error(w, ErrorCode.UploadTooLarge, "a " + size.ToString() + "-byte model does not fit: this board stores models of 1 to "
                    + _maxModelBytes.ToString() + " bytes");
            }
            int total = (int)size;
            int have = _store.UploadLength;
            // Resume a partial upload when it can be the same file: this boot saw the same size and CRC,
            // or (after a reboot) the host checks the prefix CRC sent back and starts over if it differs.
            bool sameFile = _uploading ? (_uploadSize == total && _uploadCrc == crc) : true;
            bool resume = (flags & FlagStartOver) == 0 && sameFile && have > 0 && have <= total;
            if (!resume)
            {
                _store.BeginUpload();
                have = 0;
            }
            uint prefixCrc = Crc32.Start;
            for (int position = 0; position < have;)
            {
                int n = _store.ReadUpload(position, _storeBuffer, 0, Min(StoreBlock, have - position));
                if (n <= 0)
                {
                    return Error(w, ErrorCode.BoardFailure, "the store returned fewer upload bytes than it holds");
                }
                prefixCrc = Crc32.Update(prefixCrc, _storeBuffer, 0, n);
                position += n;
            }
            _uploading = true;
            _uploadSize = total;
            _uploadCrc = crc;
            w.I32(have);
            w.U32(Crc32.Finish(prefixCrc));
            return MessageType.UploadReady;
        }

        private int UploadChunk(PayloadReader r, PayloadWriter w)
        {
            uint offset = r.U32();
            if (!r.Ok)
            {
                return BadRequest(w, MessageType.UploadChunk);
            }
            int count = r.Remaining;
            if (!_uploading)
            {
                return Error(w, ErrorCode.NoUpload, "UPLOAD_CHUNK without an upload in progress: send UPLOAD_BEGIN first");
            }
            if (offset > (uint)_uploadSize || count > _uploadSize - (int)offset)
            {
                return Error(w, ErrorCode.BadOffset, "a " + count.ToString() + "-byte chunk at offset " + offset.ToString()
                    + " runs past the announced " + _uploadSize.ToString() + " bytes");
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

        private int UploadCommit(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return BadRequest(w, MessageType.UploadCommit);
            }
            if (!_uploading)
            {
                return Error(w, ErrorCode.NoUpload, "UPLOAD_COMMIT without an upload in progress: nothing to commit");
            }
            int have = _store.UploadLength;
            if (have != _uploadSize)
            {
                return Error(w, ErrorCode.UploadIncomplete, "the upload is incomplete: " + have.ToString() + " of "
                    + _uploadSize.ToString() + " bytes arrived");
            }

            // Verify what the store really holds, not what we think we wrote to it.
            ModelReader reader = new ModelReader(have, false);
            uint crc = Crc32.Start;
            for (int position = 0; position < have;)
            {
                int n = _store.ReadUpload(position, _storeBuffer, 0, Min(StoreBlock, have - position));
                if (n <= 0)
                {
                    break;
                }
                crc = Crc32.Update(crc, _storeBuffer, 0, n);
                reader.Feed(_storeBuffer, 0, n);
                position += n;
            }
            crc = Crc32.Finish(crc);
            if (crc != _uploadCrc)
            {
                Abandon();
                return Error(w, ErrorCode.UploadCorrupt, "the uploaded bytes have CRC-32 " + Hex(crc) + " but UPLOAD_BEGIN announced "
                    + Hex(_uploadCrc) + ": the upload was discarded, send the model again");
            }
            string problem = reader.Finish();
            if (problem != null)
            {
                Abandon();
                return Error(w, ErrorCode.ModelInvalid, "the upload is not a valid model: " + problem
                    + "; the previous model stays active");
            }

            _store.CommitUpload();
            _uploading = false;
            LoadActiveModel();
            if (_model == null)
            {
                return Error(w, ErrorCode.BoardFailure, "the model was stored but could not be loaded: " + _modelStatus);
            }
            return MessageType.Ack;
        }

        private void Abandon()
        {
            _store.DiscardUpload();
            _uploading = false;
        }

        private int Predict(PayloadReader r, PayloadWriter w)
        {
            int count = r.Remaining;
            if (_model == null)
            {
                return Error(w, ErrorCode.NoModel, "no model is loaded: flash one first"
                    + (_modelStatus.Length > 0 ? " (" + _modelStatus + ")" : ""));
            }
            if (count != _input.Length)
            {
                return Error(w, ErrorCode.BadInput, "PREDICT sent " + count.ToString() + " values but the model takes "
                    + _input.Length.ToString());
            }
            byte[] data = r.Buffer;
            int at = r.Position;
            for (int i = 0; i < count; i++)
            {
                _input[i] = data[at + i] * (1f / 255f);
            }
            long start = _clock.Microseconds;
            Forward(_input, _output);
            long micros = _clock.Microseconds - start;
            int best = 0;
            for (int i = 1; i < _output.Length; i++)
            {
                if (_output[i] > _output[best])
                {
                    best = i;
                }
            }
            Prediction.Write(w, best, _output, _output.Length, micros);
            return MessageType.Prediction;
        }

        private int LessonStart(PayloadReader r, PayloadWriter w)
        {
            string name = r.Text();
            int steps = r.I32();
            float rate = r.F32();
            if (!r.AtEnd)
            {
                return BadRequest(w, MessageType.LessonStart);
            }
            _lesson = null; // let the previous lesson's networks go before building the next
            _lessonRow = null;
            Lesson lesson = LessonCatalog.Create(name);
            if (lesson == null)
            {
                string[] names = LessonCatalog.Names();
                string known = "";
                for (int i = 0; i < names.Length; i++)
                {
                    known = i == 0 ? names[i] : known + ", " + names[i];
                }
                return Error(w, ErrorCode.UnknownLesson, "no lesson named '" + name + "'; the board knows " + known);
            }
            lesson.Start(steps, rate);
            _lessonRow = new float[lesson.MaxColumns];
            _lesson = lesson;
            _lessonAnnounced = -1;
            _lessonPendingTable = -1;
            return MessageType.Ack;
        }

        private int LessonNext(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return BadRequest(w, MessageType.LessonNext);
            }
            if (_lesson == null)
            {
                return Error(w, ErrorCode.NoLesson, "LESSON_NEXT while no lesson runs: send LESSON_START first");
            }
            int table = _lessonPendingTable;
            if (table >= 0)
            {
                // The row computed last time waited behind its table's header.
                _lessonPendingTable = -1;
            }
            else
            {
                table = _lesson.Next(_lessonRow);
                if (table < 0)
                {
                    _lesson = null;
                    _lessonRow = null;
                    return MessageType.LessonEnd;
                }
                if (table != _lessonAnnounced)
                {
                    _lessonAnnounced = table;
                    _lessonPendingTable = table;
                    LessonEvent.WriteTable(w, table, _lesson.Table(table));
                    return MessageType.LessonTable;
                }
            }
            LessonEvent.WriteRow(w, table, _lessonRow, _lesson.Table(table).Columns.Length);
            return MessageType.LessonRow;
        }

        private int LessonStop(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return BadRequest(w, MessageType.LessonStop);
            }
            _lesson = null;
            _lessonRow = null;
            return MessageType.Ack;
        }

        // Reads the active model through the incremental reader, a block at a time, so only the parsed
        // model is ever in memory, never the file.
        private void LoadActiveModel()
        {
            _model = null; // the old model's memory is needed for the new one
            _input = null;
            _output = null;
            _predictor = null;
            _modelBytes = 0;
            _modelCrc = 0;
            _modelStatus = "";
            int length = _store.ActiveLength;
            if (length < 0)
            {
                return;
            }
            try
            {
                ModelReader reader = new ModelReader(length, true);
                uint crc = Crc32.Start; // the model's own CRC: everything but the 4-byte trailer
                int content = length - 4;
                for (int position = 0; position < length;)
                {
                    int n = _store.ReadActive(position, _storeBuffer, 0, Min(StoreBlock, length - position));
                    if (n <= 0)
                    {
                        break;
                    }
                    if (position < content)
                    {
                        crc = Crc32.Update(crc, _storeBuffer, 0, Min(n, content - position));
                    }
                    if (!reader.Feed(_storeBuffer, 0, n))
                    {
                        break;
                    }
                    position += n;
                }
                string problem = reader.Finish();
                if (problem != null)
                {
                    _modelStatus = "the stored model was not loaded: " + problem;
                    return;
                }
                Model model = reader.Model;
                _input = new float[model.Inputs];
                _output = new float[model.Outputs];
                PrepareForward(model);
                _model = model;
                _modelBytes = length;
                _modelCrc = Crc32.Finish(crc);
            }
            catch (System.OutOfMemoryException)
            {
                _model = null;
                _input = null;
                _output = null;
                _predictor = null;
                _modelStatus = "the stored model (" + length.ToString() + " bytes) does not fit in the board's memory";
            }
        }

        // The scalar reference kernels: what the board runs, and what host parity tests compare against.
        private void PrepareForward(Model model)
        {
            _predictor = new Predictor(model, new ScalarKernels());
        }

        private void Forward(float[] input, float[] output)
        {
            _predictor.Predict(input);
            System.Array.Copy(_predictor.Scores, output, output.Length);
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }

        private static string Hex(uint value)
        {
            return "0x" + value.ToString("X8");
        }
    }
}
