using TinyNet.Board.Requests;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board
{
    /// <summary>
    /// The board's side of the link: reads frames from a channel, answers each request with exactly
    /// one reply carrying the request's seq, and hands each request type to its handler (HELLO,
    /// the upload, PREDICT and PREDICT_VALUES, the lesson stream, BENCH, in shared/Board/Requests). The same
    /// code runs on the ESP32 and in the host's virtual board.
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

        private readonly IByteChannel _channel;
        private readonly FrameDecoder _decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        private readonly FrameEncoder _encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        private readonly byte[] _readBuffer = new byte[ReadBlock];
        private readonly ReplyCache _cache = new ReplyCache();

        private readonly LoadedModel _loaded;
        private readonly HelloRequest _hello;
        private readonly UploadHandler _upload;
        private readonly PredictRequest _predict;
        private readonly LessonStream _lessons = new LessonStream();
        private readonly BenchRequest _bench;
        private readonly FineTuneHandler _fineTune;
        private readonly PullRequest _pull;

        private int _requests;
        private int _repeats;
        private int _errors;
        private int _predictions;

        /// <summary>
        /// Bytes of buffers a session allocates up front (frame decoder and encoder, the reply cache, the
        /// channel and store blocks): the part of the heap never available to a model.
        /// </summary>
        public static int BufferBytes
        {
            get
            {
                int frame = LinkProtocol.MaxPayload + LinkProtocol.FrameOverhead;
                int encoded = LinkProtocol.MaxEncodedLength(LinkProtocol.MaxPayload);
                return 2 * frame + 2 * encoded + ReadBlock + StoreBlock;
            }
        }

        /// <summary>
        /// Creates a session for a board of <paramref name="profile"/>: uploads up to its
        /// <see cref="BoardProfile.MaxModelBytes"/>, models run in RAM or streamed as its heap allows.
        /// <paramref name="firmwareVersion"/> is reported in INFO.
        /// </summary>
        public BoardSession(IByteChannel channel, IModelStore store, IBoardClock clock, string firmwareVersion, BoardProfile profile)
            : this(channel, store, clock, firmwareVersion, profile, profile == null ? 0 : profile.MaxModelBytes)
        {
        }

        /// <summary>
        /// Creates a session for the default profile's heap whose upload limit is <paramref name="maxModelBytes"/>
        /// (test rigs that probe the limit).
        /// </summary>
        public BoardSession(IByteChannel channel, IModelStore store, IBoardClock clock, string firmwareVersion, int maxModelBytes)
            : this(channel, store, clock, firmwareVersion, BoardProfile.Default, maxModelBytes)
        {
        }

        /// <summary>
        /// Creates a session for a board of <paramref name="profile"/> whose upload limit is
        /// <paramref name="maxModelBytes"/> instead of the profile's (test rigs that probe the limit).
        /// </summary>
        public BoardSession(IByteChannel channel, IModelStore store, IBoardClock clock, string firmwareVersion, int maxModelBytes, BoardProfile profile)
            : this(channel, store, clock, firmwareVersion, profile, maxModelBytes)
        {
        }

        private BoardSession(IByteChannel channel, IModelStore store, IBoardClock clock, string firmwareVersion, BoardProfile profile, int maxModelBytes)
        {
            if (profile == null)
            {
                throw new System.ArgumentNullException("profile");
            }
            if (channel == null || store == null || clock == null)
            {
                throw new System.ArgumentNullException("channel, store, clock and profile are required");
            }
            _channel = channel;
            ChunkedModelReader reader = new ChunkedModelReader(StoreBlock);
            _loaded = new LoadedModel(store, reader, profile);
            _hello = new HelloRequest(firmwareVersion == null ? "" : firmwareVersion, clock, maxModelBytes, _loaded);
            _upload = new UploadHandler(store, reader, _loaded, maxModelBytes);
            _fineTune = new FineTuneHandler(store, _loaded, _upload, clock, profile.HeapBytes, profile.TrainingSamples, maxModelBytes);
            _pull = new PullRequest(store);
            _predict = new PredictRequest(_loaded, clock, _fineTune);
            _bench = new BenchRequest(_loaded, clock);
        }

        /// <summary>True when a model is loaded and PREDICT works.</summary>
        public bool HasModel { get { return _loaded.Model != null; } }

        /// <summary>The loaded model (null when none).</summary>
        public Model Model { get { return _loaded.Model; } }

        /// <summary>The board profile the session refuses and measures by.</summary>
        public BoardProfile Profile { get { return _loaded.Profile; } }

        /// <summary>True when the loaded model's int8 weights are streamed from the store during each prediction.</summary>
        public bool ModelStreamed { get { return _loaded.Streamed; } }

        /// <summary>Heap the loaded model and its predictor take (from <see cref="ModelFit"/>; 0 when none).</summary>
        public long ModelHeapBytes { get { return _loaded.HeapBytes; } }

        /// <summary>Why the stored model was not loaded at boot or after a commit; empty when fine.</summary>
        public string ModelStatus { get { return _loaded.Status; } }

        /// <summary>Requests answered (repeats included).</summary>
        public int Requests { get { return _requests; } }

        /// <summary>Requests recognised as retries and answered from the cached reply.</summary>
        public int Repeats { get { return _repeats; } }

        /// <summary>ERROR replies sent.</summary>
        public int Errors { get { return _errors; } }

        /// <summary>PREDICT and PREDICT_VALUES requests answered with a prediction (retries answered from the cache not counted).</summary>
        public int Predictions { get { return _predictions; } }

        /// <summary>
        /// The last prediction's class as a status line shows it: its name when the model names its classes
        /// ("wave (class 2)"), else its number; empty before the first prediction or without a model.
        /// </summary>
        public string LastPrediction
        {
            get
            {
                int best = _predict.LastClass;
                Model model = _loaded.Model;
                if (best < 0 || model == null || best >= model.Outputs)
                {
                    return "";
                }
                return model.HasClassNames ? model.ClassName(best) + " (class " + best.ToString() + ")" : "class " + best.ToString();
            }
        }

        /// <summary>Frames the decoder dropped (cut short, too long, bad CRC).</summary>
        public int DroppedFrames { get { return _decoder.Dropped; } }

        /// <summary>
        /// Forgets a half-received frame: a new peer's bytes (the next network client) are never the
        /// rest of the last peer's frame.
        /// </summary>
        public void ResetFraming()
        {
            _decoder.Reset();
        }

        /// <summary>
        /// Loads the active model from the store if it is valid; otherwise the board runs without one
        /// and <see cref="ModelStatus"/> says why. Call once after power-on.
        /// </summary>
        public void Boot()
        {
            _upload.Reset();
            _fineTune.Drop();
            _loaded.Load();
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
            if (_cache.Answers(type, seq, _decoder.FrameCrc))
            {
                _repeats++;
                _cache.Resend(_channel);
                return true;
            }

            int replyType = Dispatch(type, _decoder.Payload(), _encoder.Begin());
            int length = _encoder.Finish(replyType, seq);
            if (length < 0)
            {
                // Cannot happen with the fixed layouts of the handlers; answer something rather than nothing.
                _errors++;
                Replies.Error(_encoder.Begin(), ErrorCode.BoardFailure, "internal error: the reply did not fit in a frame");
                length = _encoder.Finish(MessageType.Error, seq);
            }
            if (replyType == MessageType.Error)
            {
                _errors++;
            }
            else if (replyType == MessageType.Prediction)
            {
                _predictions++;
            }
            _cache.Keep(_encoder.Output, length, type, seq, _decoder.FrameCrc);
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
                    case MessageType.Hello: return _hello.Answer(r, w);
                    case MessageType.UploadBegin: return _upload.Begin(r, w);
                    case MessageType.UploadChunk: return _upload.Chunk(r, w);
                    case MessageType.UploadCommit: return _upload.Commit(r, w);
                    case MessageType.Predict: return _predict.Answer(r, w);
                    case MessageType.PredictValues: return _predict.AnswerValues(r, w);
                    case MessageType.LessonStart: return _lessons.Start(r, w);
                    case MessageType.LessonNext: return _lessons.Next(r, w);
                    case MessageType.LessonStop: return _lessons.Stop(r, w);
                    case MessageType.Bench: return _bench.Answer(r, w);
                    case MessageType.TrainSample: return _fineTune.Sample(r, w);
                    case MessageType.TrainEpoch: return _fineTune.Epoch(r, w);
                    case MessageType.Keep: return _fineTune.Keep(r, w);
                    case MessageType.Revert: return _fineTune.Revert(r, w);
                    case MessageType.Pull: return _pull.Answer(r, w);
                    default:
                        return Replies.Error(w, ErrorCode.UnknownType, "unknown request " + MessageType.Name(type)
                            + ": the board and the host speak different protocol versions");
                }
            }
            catch (System.OutOfMemoryException)
            {
                _lessons.Drop();
                _fineTune.Drop();
                return Replies.Error(_encoder.Begin(), ErrorCode.OutOfMemory, "the board ran out of memory for "
                    + MessageType.Name(type) + "; the request was not applied");
            }
            catch (System.Exception e)
            {
                // The store or the board failed (a full or broken flash); report it and keep serving.
                return Replies.Error(_encoder.Begin(), ErrorCode.BoardFailure, MessageType.Name(type) + " failed on the board: " + e.Message);
            }
        }
    }
}
