using TinyNet.Checksums;

namespace TinyNet.Link
{
    /// <summary>
    /// The host's side of the link: sends one request at a time, waits for the reply with the same seq,
    /// and resends the identical frame when none arrives in time (the board answers a repeat from its
    /// cache, so a retry never applies a request twice). Gives up with a <see cref="LinkException"/>
    /// after <see cref="MaxAttempts"/> tries. Shared code so tests can run both ends in one process.
    /// </summary>
    /// <remarks>
    /// Not thread-safe: one caller at a time. Board ERROR replies become LinkExceptions carrying the
    /// board's code and reason. LOG frames arriving meanwhile go to <see cref="Log"/>.
    /// </remarks>
    public sealed class LinkClient
    {
        private readonly IByteChannel _channel;
        private readonly IClock _clock;
        private readonly FrameEncoder _encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        private readonly FrameDecoder _decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        private readonly byte[] _in = new byte[256];
        private int _inPosition;
        private int _inCount;
        private int _seq;
        private int _timeout = 1000;
        private int _attempts = 5;
        private int _chunkSize = 512;
        private int _retries;
        private const int MinChunk = 16;
        private int _stale;

        /// <summary>Creates a client on <paramref name="channel"/>, measuring timeouts with <paramref name="clock"/>.</summary>
        public LinkClient(IByteChannel channel, IClock clock)
        {
            if (channel == null || clock == null)
            {
                throw new System.ArgumentNullException("channel and clock are required");
            }
            _channel = channel;
            _clock = clock;
        }

        /// <summary>How long to wait for a reply before resending, in milliseconds (default 1000).</summary>
        public int TimeoutMilliseconds
        {
            get { return _timeout; }
            set { _timeout = value < 1 ? 1 : value; }
        }

        /// <summary>
        /// Tries per request, the first one included (default 5). For upload chunks it bounds the
        /// consecutive failed tries, since every chunk that gets through is progress.
        /// </summary>
        public int MaxAttempts
        {
            get { return _attempts; }
            set { _attempts = value < 1 ? 1 : value; }
        }

        /// <summary>
        /// Largest number of model bytes per UPLOAD_CHUNK (default 512; at most <see cref="LinkProtocol.MaxPayload"/> − 4).
        /// A chunk that gets no answer is resent at half the size (down to 16), and each answered chunk
        /// lets it grow by 16 again, so uploads also finish on a noisy line.
        /// </summary>
        public int ChunkSize
        {
            get { return _chunkSize; }
            set { _chunkSize = value < 1 ? 1 : value > LinkProtocol.MaxPayload - 4 ? LinkProtocol.MaxPayload - 4 : value; }
        }

        /// <summary>Where LOG lines from the board go (null: dropped).</summary>
        public ILinkLog Log;

        /// <summary>Requests resent because no reply came in time.</summary>
        public int Retries { get { return _retries; } }

        /// <summary>Valid frames that were not the awaited reply (late answers to earlier tries).</summary>
        public int StaleFrames { get { return _stale; } }

        /// <summary>The decoder, for its counts of dropped frames.</summary>
        public FrameDecoder Decoder { get { return _decoder; } }

        /// <summary>
        /// A model file's own CRC-32 (of everything before its 4-byte trailer), as the board reports it in
        /// <see cref="BoardInfo.ModelCrc"/>; 0 for a file too short to have a trailer.
        /// </summary>
        public static uint ModelCrcOf(byte[] file, int length)
        {
            return length < 4 ? 0u : Crc32.Compute(file, 0, length - 4);
        }

        /// <summary>Greets the board and returns what it reports about itself and its model.</summary>
        public BoardInfo Hello()
        {
            PayloadWriter w = _encoder.Begin();
            w.U8(LinkProtocol.Version);
            Exchange(MessageType.Hello, MessageType.Info);
            BoardInfo info = BoardInfo.Read(_decoder.Payload());
            if (info == null)
            {
                throw Malformed(MessageType.Info);
            }
            return info;
        }

        /// <summary>
        /// Uploads <paramref name="length"/> bytes of <paramref name="file"/> as the board's new model and
        /// commits it. Resumes an interrupted upload of the same file; the board verifies the CRC and the
        /// model before it replaces the active one. <paramref name="progress"/> may be null.
        /// </summary>
        public UploadResult Upload(byte[] file, int length, IUploadProgress progress)
        {
            if (file == null || length <= 0 || length > file.Length)
            {
                throw new System.ArgumentException("nothing to upload: the model file is empty");
            }
            uint crc = Crc32.Compute(file, 0, length);
            int offset = Begin(length, crc, false);
            if (offset > 0 && (offset > length || Crc32.Compute(file, 0, offset) != _beginPrefixCrc))
            {
                // The board holds part of a different file (e.g. from before a reboot): start over.
                offset = Begin(length, crc, true);
            }
            if (offset != 0 && (offset > length || Crc32.Compute(file, 0, offset) != _beginPrefixCrc))
            {
                throw new LinkException("the board offered to resume at byte " + offset.ToString()
                    + " but holds different bytes there", 0, false);
            }
            UploadResult result = new UploadResult();
            result.ResumedFrom = offset;
            result.TotalBytes = length;
            result.Crc = crc;
            // Chunks are safe to resend under a new seq (the offset makes them idempotent), so a lost chunk
            // is resent at half the size: on a noisy line a short frame gets through far more often than a
            // long one. Each chunk that gets through lets the size grow by 16 again (additive increase,
            // multiplicative decrease: the size settles where the line's error rate makes it pay off).
            int chunk = _chunkSize;
            int failures = 0;
            int stuck = 0;
            while (offset < length)
            {
                int n = length - offset;
                if (n > chunk)
                {
                    n = chunk;
                }
                PayloadWriter w = _encoder.Begin();
                w.I32(offset);
                w.Bytes(file, offset, n);
                if (!TryExchange(MessageType.UploadChunk, MessageType.ChunkAck))
                {
                    failures++;
                    if (failures >= _attempts)
                    {
                        throw Timeout(MessageType.UploadChunk);
                    }
                    _retries++;
                    chunk = chunk / 2 < MinChunk ? MinChunk : chunk / 2;
                    continue;
                }
                failures = 0;
                chunk = chunk + MinChunk > _chunkSize ? _chunkSize : chunk + MinChunk;
                PayloadReader r = _decoder.Payload();
                int next = r.I32();
                if (!r.AtEnd || next < 0 || next > length)
                {
                    throw Malformed(MessageType.ChunkAck);
                }
                result.Chunks++;
                // The board says where it wants the next byte; normally offset + n.
                stuck = next > offset ? 0 : stuck + 1;
                if (stuck >= _attempts)
                {
                    throw new LinkException("the board keeps asking for byte " + next.ToString()
                        + " of the upload without accepting it", 0, false);
                }
                offset = next;
                if (progress != null)
                {
                    progress.Report(offset, length);
                }
            }
            _encoder.Begin();
            Exchange(MessageType.UploadCommit, MessageType.Ack);
            return result;
        }

        private uint _beginPrefixCrc;

        private int Begin(int length, uint crc, bool startOver)
        {
            PayloadWriter w = _encoder.Begin();
            w.I32(length);
            w.U32(crc);
            w.U8(startOver ? 1 : 0);
            Exchange(MessageType.UploadBegin, MessageType.UploadReady);
            PayloadReader r = _decoder.Payload();
            int offset = r.I32();
            _beginPrefixCrc = r.U32();
            if (!r.AtEnd || offset < 0)
            {
                throw Malformed(MessageType.UploadReady);
            }
            return offset;
        }

        /// <summary>Runs the board's model on <paramref name="count"/> input bytes (pixels 0..255).</summary>
        public Prediction Predict(byte[] pixels, int offset, int count)
        {
            PayloadWriter w = _encoder.Begin();
            w.Bytes(pixels, offset, count);
            if (w.Overflow)
            {
                throw new System.ArgumentException("at most " + LinkProtocol.MaxPayload.ToString() + " inputs fit in one PREDICT");
            }
            Exchange(MessageType.Predict, MessageType.Prediction);
            Prediction p = Prediction.Read(_decoder.Payload());
            if (p == null)
            {
                throw Malformed(MessageType.Prediction);
            }
            return p;
        }

        /// <summary>
        /// Runs the board's model on <paramref name="count"/> float values from <paramref name="offset"/>, taken as
        /// they are (PREDICT_VALUES); at most <see cref="LinkProtocol.MaxValues"/>.
        /// </summary>
        public Prediction PredictValues(float[] values, int offset, int count)
        {
            if (count > LinkProtocol.MaxValues)
            {
                throw new System.ArgumentException("at most " + LinkProtocol.MaxValues.ToString() + " values fit in one PREDICT_VALUES");
            }
            PayloadWriter w = _encoder.Begin();
            for (int i = 0; i < count; i++)
            {
                w.F32(values[offset + i]);
            }
            Exchange(MessageType.PredictValues, MessageType.Prediction);
            Prediction p = Prediction.Read(_decoder.Payload());
            if (p == null)
            {
                throw Malformed(MessageType.Prediction);
            }
            return p;
        }

        /// <summary>
        /// Asks the board to time itself (BENCH). The board is busy for a few seconds, so the reply is
        /// awaited for at least 30 s whatever <see cref="TimeoutMilliseconds"/> says.
        /// </summary>
        public BenchFigures Bench()
        {
            _encoder.Begin();
            int timeout = _timeout;
            _timeout = timeout < BenchTimeoutMilliseconds ? BenchTimeoutMilliseconds : timeout;
            try
            {
                Exchange(MessageType.Bench, MessageType.BenchReport);
            }
            finally
            {
                _timeout = timeout;
            }
            BenchFigures f = BenchFigures.Read(_decoder.Payload());
            if (f == null)
            {
                throw Malformed(MessageType.BenchReport);
            }
            return f;
        }

        /// <summary>How long <see cref="Bench"/> waits for the board's reply.</summary>
        public const int BenchTimeoutMilliseconds = 30000;

        /// <summary>
        /// Starts a lesson on the board; <paramref name="steps"/> ≤ 0 and <paramref name="learningRate"/> ≤ 0
        /// mean the lecture's own. Then call <see cref="NextLessonEvent"/> until it returns an end event.
        /// </summary>
        public void StartLesson(string name, int steps, float learningRate)
        {
            PayloadWriter w = _encoder.Begin();
            w.Text(name, 64);
            w.I32(steps);
            w.F32(learningRate);
            Exchange(MessageType.LessonStart, MessageType.Ack);
        }

        /// <summary>The lesson's next table header, row, or end (<see cref="LessonEvent.Kind"/> says which).</summary>
        public LessonEvent NextLessonEvent()
        {
            _encoder.Begin();
            Exchange(MessageType.LessonNext, -1);
            int type = _decoder.Type;
            LessonEvent e = LessonEvent.Read(type, _decoder.Payload());
            if (e == null)
            {
                throw Malformed(type);
            }
            return e;
        }

        /// <summary>Stops the running lesson (fine when none runs).</summary>
        public void StopLesson()
        {
            _encoder.Begin();
            Exchange(MessageType.LessonStop, MessageType.Ack);
        }

        /// <summary>
        /// One fine-tuning step on the board with one labelled sample (<paramref name="count"/> input bytes);
        /// the board keeps the sample for <see cref="TrainEpoch"/>.
        /// </summary>
        public TrainResult TrainSample(byte[] pixels, int offset, int count, int label, float learningRate)
        {
            PayloadWriter w = _encoder.Begin();
            w.U8(label);
            w.F32(learningRate);
            w.Bytes(pixels, offset, count);
            if (w.Overflow)
            {
                throw new System.ArgumentException("a TRAIN_SAMPLE holds at most " + (LinkProtocol.MaxPayload - 5).ToString() + " inputs");
            }
            Exchange(MessageType.TrainSample, MessageType.TrainResult);
            TrainResult t = TrainResult.Read(_decoder.Payload());
            if (t == null)
            {
                throw Malformed(MessageType.TrainResult);
            }
            return t;
        }

        /// <summary>One fine-tuning pass on the board over the samples it keeps.</summary>
        public EpochResult TrainEpoch(float learningRate)
        {
            PayloadWriter w = _encoder.Begin();
            w.F32(learningRate);
            Exchange(MessageType.TrainEpoch, MessageType.EpochResult);
            EpochResult e = EpochResult.Read(_decoder.Payload());
            if (e == null)
            {
                throw Malformed(MessageType.EpochResult);
            }
            return e;
        }

        /// <summary>Makes the board store its adapted model as the active model.</summary>
        public void Keep()
        {
            _encoder.Begin();
            Exchange(MessageType.Keep, MessageType.Ack);
        }

        /// <summary>Makes the board drop its adaptation (the stored model predicts again).</summary>
        public void Revert()
        {
            _encoder.Begin();
            Exchange(MessageType.Revert, MessageType.Ack);
        }

        /// <summary>The board's active model file from <paramref name="offset"/>, as much as one reply holds.</summary>
        public PullChunk Pull(int offset)
        {
            PayloadWriter w = _encoder.Begin();
            w.U32((uint)offset);
            Exchange(MessageType.Pull, MessageType.PullChunk);
            PullChunk c = PullChunk.Read(_decoder.Payload());
            if (c == null || c.Offset != offset)
            {
                throw Malformed(MessageType.PullChunk);
            }
            return c;
        }

        // Sends the payload written since _encoder.Begin() as `type` and returns once the reply with the
        // same seq is in the decoder, resending the identical frame (same seq) on each timeout so the
        // board can tell a retry from a new request. expected = the reply type wanted, or -1 for any.
        private void Exchange(int type, int expected)
        {
            int seq = NextSeq(type);
            for (int attempt = 0; attempt < _attempts; attempt++)
            {
                if (attempt > 0)
                {
                    _retries++;
                }
                _encoder.Send(_channel);
                if (AwaitReply(seq))
                {
                    CheckReply(type, expected);
                    return;
                }
            }
            throw Timeout(type);
        }

        // One try under a fresh seq: true with the reply in the decoder, false on timeout.
        private bool TryExchange(int type, int expected)
        {
            int seq = NextSeq(type);
            _encoder.Send(_channel);
            if (!AwaitReply(seq))
            {
                return false;
            }
            CheckReply(type, expected);
            return true;
        }

        private int NextSeq(int type)
        {
            _seq = _seq >= 255 ? 1 : _seq + 1; // seq 0 is the board's own messages
            if (_encoder.Finish(type, _seq) < 0)
            {
                throw new System.ArgumentException(MessageType.Name(type) + " payload does not fit in a frame");
            }
            return _seq;
        }

        private void CheckReply(int type, int expected)
        {
            int got = _decoder.Type;
            if (got == MessageType.Error)
            {
                PayloadReader r = _decoder.Payload();
                int code = r.U8();
                string reason = r.Text();
                throw new LinkException("the board refused " + MessageType.Name(type) + ": " + reason, code == 0 ? -1 : code, false);
            }
            if (expected >= 0 && got != expected)
            {
                throw new LinkException("the board answered " + MessageType.Name(got) + " to " + MessageType.Name(type)
                    + " (expected " + MessageType.Name(expected) + "): host and board disagree about the protocol", 0, false);
            }
        }

        private LinkException Timeout(int type)
        {
            return new LinkException("no answer from the board to " + MessageType.Name(type) + " after " + _attempts.ToString()
                + " tries of " + _timeout.ToString() + " ms: check that the board is connected, powered and running TinyNet", 0, true);
        }

        // Reads until a frame with `seq` arrives (true) or the timeout passes (false).
        private bool AwaitReply(int seq)
        {
            long deadline = _clock.Milliseconds + _timeout;
            while (true)
            {
                while (_inPosition < _inCount)
                {
                    byte b = _in[_inPosition++];
                    if (!_decoder.Push(b))
                    {
                        continue;
                    }
                    if (_decoder.Type == MessageType.Log && _decoder.Seq == 0)
                    {
                        if (Log != null)
                        {
                            Log.Line(_decoder.Payload().Text());
                        }
                    }
                    else if (_decoder.Seq == seq && _decoder.Type >= 0x80)
                    {
                        return true; // bytes after it stay in _in for the next exchange
                    }
                    else
                    {
                        _stale++;
                    }
                }
                long remaining = deadline - _clock.Milliseconds;
                if (remaining <= 0)
                {
                    return false;
                }
                _inPosition = 0;
                _inCount = _channel.Read(_in, 0, _in.Length, (int)remaining);
                if (_inCount <= 0)
                {
                    _inCount = 0;
                    return false;
                }
            }
        }

        private static LinkException Malformed(int type)
        {
            return new LinkException("the board sent a malformed " + MessageType.Name(type) + " reply", 0, false);
        }
    }
}
