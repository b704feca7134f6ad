namespace TinyNet.Link
{
    /// <summary>The codes an ERROR reply carries; the reason text says the details.</summary>
    public static class ErrorCode
    {
        /// <summary>The payload does not have the layout its type requires.</summary>
        public const int BadRequest = 1;
        /// <summary>The board does not know this message type.</summary>
        public const int UnknownType = 2;
        /// <summary>HELLO with a protocol version the board does not speak.</summary>
        public const int VersionMismatch = 3;
        /// <summary>An upload chunk or commit without a preceding UPLOAD_BEGIN.</summary>
        public const int NoUpload = 4;
        /// <summary>The announced upload is larger than the board can store (or empty).</summary>
        public const int UploadTooLarge = 5;
        /// <summary>A chunk that does not fit the announced size.</summary>
        public const int BadOffset = 6;
        /// <summary>Commit before all announced bytes arrived.</summary>
        public const int UploadIncomplete = 7;
        /// <summary>The received bytes do not have the announced CRC.</summary>
        public const int UploadCorrupt = 8;
        /// <summary>The upload is not a valid model file (the reason says why).</summary>
        public const int ModelInvalid = 9;
        /// <summary>PREDICT while no model is loaded.</summary>
        public const int NoModel = 10;
        /// <summary>PREDICT with a different number of inputs than the model takes.</summary>
        public const int BadInput = 11;
        /// <summary>LESSON_START with a name the board does not know.</summary>
        public const int UnknownLesson = 12;
        /// <summary>LESSON_NEXT while no lesson runs.</summary>
        public const int NoLesson = 13;
        /// <summary>The store or the board failed (the reason says how); the request was not applied.</summary>
        public const int BoardFailure = 14;
        /// <summary>Not enough memory on the board for this request.</summary>
        public const int OutOfMemory = 15;
        /// <summary>Another client holds the board (network link: one client at a time).</summary>
        public const int Busy = 16;

        /// <summary>The model does not fit the board's heap, even with its int8 weights streamed from flash.</summary>
        public const int ModelTooLargeForHeap = 21;
        /// <summary>Fine-tuning the loaded model does not fit in the board's memory, or the model cannot be fine-tuned.</summary>
        public const int CannotFineTune = 17;
        /// <summary>A TRAIN_SAMPLE with a wrong length, a label outside the classes, or a bad learning rate.</summary>
        public const int BadSample = 18;
        /// <summary>TRAIN_EPOCH without kept samples, or KEEP without an adaptation.</summary>
        public const int NothingToTrain = 19;
        /// <summary>PULL from an offset past the end of the file, or without a stored model.</summary>
        public const int BadPull = 20;

        /// <summary>A readable name for a code, for messages.</summary>
        public static string Name(int code)
        {
            switch (code)
            {
                case BadRequest: return "bad request";
                case UnknownType: return "unknown message type";
                case VersionMismatch: return "protocol version mismatch";
                case NoUpload: return "no upload in progress";
                case UploadTooLarge: return "upload too large";
                case BadOffset: return "bad chunk offset";
                case UploadIncomplete: return "upload incomplete";
                case UploadCorrupt: return "upload corrupt";
                case ModelInvalid: return "model invalid";
                case NoModel: return "no model";
                case BadInput: return "bad input";
                case UnknownLesson: return "unknown lesson";
                case NoLesson: return "no lesson running";
                case BoardFailure: return "board failure";
                case OutOfMemory: return "out of memory";
                case Busy: return "busy";
                case ModelTooLargeForHeap: return "model too large for the heap";
                case CannotFineTune: return "cannot fine-tune";
                case BadSample: return "bad training sample";
                case NothingToTrain: return "nothing to train or keep";
                case BadPull: return "bad pull";
                default: return "error " + code.ToString();
            }
        }
    }
}
