namespace TinyNet.Link
{
    /// <summary>
    /// Message types and their payloads (all little-endian; "text" = u16 byte count + UTF-8).
    /// Requests go host → board and carry a seq 1..255; the board answers each with exactly one
    /// reply frame carrying the same seq. Frames the board sends on its own (LOG) use seq 0.
    /// </summary>
    public static class MessageType
    {
        // ---- requests (host → board) ----

        /// <summary>HELLO: u8 protocol version. Answer: INFO (or ERROR VersionMismatch).</summary>
        public const int Hello = 0x01;

        /// <summary>
        /// UPLOAD_BEGIN: u32 total size, u32 CRC-32 of the whole file (a transfer check, valid for any
        /// bytes), u8 flags (bit 0 = start over). Answer: UPLOAD_READY. The board offers to resume only
        /// after the host compared the prefix CRC it sends back with its own file.
        /// </summary>
        public const int UploadBegin = 0x02;

        /// <summary>UPLOAD_CHUNK: u32 offset, then the bytes. Answer: CHUNK_ACK.</summary>
        public const int UploadChunk = 0x03;

        /// <summary>UPLOAD_COMMIT: no payload. Answer: ACK once the model is verified, stored and loaded.</summary>
        public const int UploadCommit = 0x04;

        /// <summary>PREDICT: one byte per input (pixel 0..255, scaled by 1/255). Answer: PREDICTION.</summary>
        public const int Predict = 0x05;

        /// <summary>LESSON_START: text name, i32 steps (≤ 0 = the lecture's), f32 learning rate (≤ 0 = the lecture's). Answer: ACK.</summary>
        public const int LessonStart = 0x06;

        /// <summary>LESSON_NEXT: no payload. Answer: the next LESSON_TABLE, LESSON_ROW or LESSON_END.</summary>
        public const int LessonNext = 0x07;

        /// <summary>LESSON_STOP: no payload. Answer: ACK (also when no lesson runs).</summary>
        public const int LessonStop = 0x08;

        /// <summary>
        /// BENCH: no payload. The board times itself (shared/Bench/DeviceBenchmark) and answers
        /// BENCH_REPORT; it takes a few seconds on a real board.
        /// </summary>
        public const int Bench = 0x09;

        // ---- fine-tuning the output layer on the board (shared/FineTuning) ----

        /// <summary>
        /// TRAIN_SAMPLE: u8 label, f32 learning rate, then one byte per model input. One SGD step on the
        /// sample; the board also keeps it for TRAIN_EPOCH. Answer: TRAIN_RESULT.
        /// </summary>
        public const int TrainSample = 0x0A;

        /// <summary>TRAIN_EPOCH: f32 learning rate. One SGD pass over the kept samples, oldest first. Answer: EPOCH_RESULT.</summary>
        public const int TrainEpoch = 0x0B;

        /// <summary>KEEP: no payload. Stores the adapted model as the active model (the upload's commit). Answer: ACK.</summary>
        public const int Keep = 0x0C;

        /// <summary>REVERT: no payload. Drops the adaptation; the stored model predicts again. Answer: ACK.</summary>
        public const int Revert = 0x0D;

        /// <summary>PULL: u32 offset. Answer: PULL_CHUNK with the active model file's bytes from that offset.</summary>
        public const int Pull = 0x0E;

        /// <summary>
        /// PREDICT_VALUES: the model's inputs as float32, taken as they are (raw sensor values for a model trained
        /// on a CSV; no 1/255 scaling). At most <see cref="LinkProtocol.MaxPayload"/> / 4 = 256 values. Answer: PREDICTION.
        /// </summary>
        public const int PredictValues = 0x0F;

        // ---- replies and board messages (board → host) ----

        /// <summary>
        /// INFO: u8 protocol version, text firmware version, u32 free memory, u16 max payload,
        /// u32 max model bytes, u8 model present, text model name, u8 shape count then that many u32
        /// (inputs, then each layer's neurons), u32 model file size, u32 the model's own CRC-32 (the one
        /// stored in the file's last 4 bytes: the CRC of a whole valid file is always 0x2144DF1C),
        /// text model status (why a stored model was not loaded; empty when fine).
        /// </summary>
        public const int Info = 0x81;

        /// <summary>UPLOAD_READY: u32 offset to resume from, u32 CRC-32 of the bytes before that offset.</summary>
        public const int UploadReady = 0x82;

        /// <summary>CHUNK_ACK: u32 next offset the board expects.</summary>
        public const int ChunkAck = 0x83;

        /// <summary>ACK: no payload.</summary>
        public const int Ack = 0x84;

        /// <summary>
        /// PREDICTION: u8 class, u8 score count, that many f32 scores, u32 microseconds; when the model names
        /// its classes, then u8 length and the predicted class's name in ASCII (readers accept it absent).
        /// </summary>
        public const int Prediction = 0x85;

        /// <summary>LESSON_TABLE: u8 table index, text title, u8 column count, that many texts.</summary>
        public const int LessonTable = 0x86;

        /// <summary>LESSON_ROW: u8 table index, u8 value count, that many f32.</summary>
        public const int LessonRow = 0x87;

        /// <summary>LESSON_END: no payload; the lesson has no more rows.</summary>
        public const int LessonEnd = 0x88;

        /// <summary>LOG: text. Sent by the board on its own, seq 0.</summary>
        public const int Log = 0x89;

        /// <summary>
        /// BENCH_REPORT: text model name (empty when none), text how the predictor holds the weights
        /// ("in RAM" or "streamed"), u16 digits timed per run (0 when no 784-input model is loaded), f32 µs per digit,
        /// u16 neuron-lesson steps timed, f32 µs per step, u32 free memory before, u32 free memory after.
        /// </summary>
        public const int BenchReport = 0x8A;

        /// <summary>
        /// TRAIN_RESULT: f32 loss before the step, u8 predicted class before the step, u32 steps since the
        /// adaptation started, u32 of those predicted right, u32 samples kept.
        /// </summary>
        public const int TrainResult = 0x8B;

        /// <summary>EPOCH_RESULT: u32 samples trained, f32 mean loss, u32 predicted right (before each step), u32 microseconds.</summary>
        public const int EpochResult = 0x8C;

        /// <summary>PULL_CHUNK: u32 file size, u32 the model's own CRC-32 (as in INFO), u32 offset, then the bytes (none past the end).</summary>
        public const int PullChunk = 0x8D;

        /// <summary>ERROR: u8 code (<see cref="ErrorCode"/>), text reason.</summary>
        public const int Error = 0x8F;

        /// <summary>A readable name for a type, for messages.</summary>
        public static string Name(int type)
        {
            switch (type)
            {
                case Hello: return "HELLO";
                case UploadBegin: return "UPLOAD_BEGIN";
                case UploadChunk: return "UPLOAD_CHUNK";
                case UploadCommit: return "UPLOAD_COMMIT";
                case Predict: return "PREDICT";
                case LessonStart: return "LESSON_START";
                case LessonNext: return "LESSON_NEXT";
                case LessonStop: return "LESSON_STOP";
                case Bench: return "BENCH";
                case TrainSample: return "TRAIN_SAMPLE";
                case TrainEpoch: return "TRAIN_EPOCH";
                case Keep: return "KEEP";
                case Revert: return "REVERT";
                case Pull: return "PULL";
                case PredictValues: return "PREDICT_VALUES";
                case TrainResult: return "TRAIN_RESULT";
                case EpochResult: return "EPOCH_RESULT";
                case PullChunk: return "PULL_CHUNK";
                case Info: return "INFO";
                case UploadReady: return "UPLOAD_READY";
                case ChunkAck: return "CHUNK_ACK";
                case Ack: return "ACK";
                case Prediction: return "PREDICTION";
                case LessonTable: return "LESSON_TABLE";
                case LessonRow: return "LESSON_ROW";
                case LessonEnd: return "LESSON_END";
                case Log: return "LOG";
                case BenchReport: return "BENCH_REPORT";
                case Error: return "ERROR";
                default: return "type 0x" + type.ToString("X2");
            }
        }
    }
}
