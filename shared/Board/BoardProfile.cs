namespace TinyNet.Board
{
    /// <summary>
    /// What one kind of board can hold: the managed heap the app can use, the flash room for
    /// models, and what follows from those. The device app runs with its own profile; the
    /// virtual board takes one (<c>--profile</c>) and then refuses and reports exactly as that
    /// board would. Every fit verdict (inspect, quantize, train, flash) reads these figures.
    /// </summary>
    /// <remarks>
    /// The figures come from ../shared/nanoframework-notes.md, section 3 (none was measured on a
    /// board yet): a classic ESP32 without PSRAM keeps about 90-110 KB of managed heap after
    /// ESP-IDF's reserve (90 KB since nanoFramework made room for TLS), and a 4 MB module gives
    /// littlefs (<c>I:</c>) 256 KiB, shared with nanoFramework's own configuration files (a few KB);
    /// 32 KiB of it are left to those files and littlefs's metadata blocks, so the esp32's model room
    /// is 224 KiB: enough for two copies of the README's default 784-128-10 int8 model (102,780 bytes).
    /// Models are stored twice during an upload (the active file and the upload in progress), so the
    /// largest model is half the model room. A profile's figures are lower bounds, so what the
    /// virtual board accepts a real board of that kind accepts too.
    /// </remarks>
    public sealed class BoardProfile
    {
        /// <summary>The short name used on the command line and in INFO ("esp32").</summary>
        public readonly string Name;

        /// <summary>A line a user recognises their board by.</summary>
        public readonly string Description;

        /// <summary>Managed heap, in bytes, the app may use for models and training.</summary>
        public readonly int HeapBytes;

        /// <summary>Flash, in bytes, for model files: room for two copies during an upload.</summary>
        public readonly int ModelFlashBytes;

        /// <summary>Labelled samples the board keeps for a fine-tuning epoch (784 bytes and a label each).</summary>
        public readonly int TrainingSamples;

        /// <summary>A classic ESP32 module without PSRAM (WROOM-32, most dev boards): 90 KB heap, 4 MB flash.</summary>
        public static readonly BoardProfile Esp32 = new BoardProfile(
            "esp32", "ESP32 without PSRAM (WROOM-32 and most dev boards, 4 MB flash)", 90 * 1024, 224 * 1024, 32);

        /// <summary>A classic ESP32 with 4 MB PSRAM (WROVER class): the heap lives in PSRAM, the flash is the same 4 MB.</summary>
        public static readonly BoardProfile Esp32Psram = new BoardProfile(
            "esp32-psram", "ESP32 with 4 MB PSRAM (WROVER class, 4 MB flash)", 3 * 1024 * 1024, 224 * 1024, 1024);

        /// <summary>An ESP32-S3 with 8 MB flash and 2 MB PSRAM (N8R2 class), whose littlefs is 2 MiB.</summary>
        public static readonly BoardProfile Esp32S3 = new BoardProfile(
            "esp32-s3", "ESP32-S3 with 2 MB PSRAM and 8 MB flash (N8R2 class)", 1536 * 1024, 1536 * 1024, 1024);

        /// <summary>Every profile, in the order help texts list them.</summary>
        public static readonly BoardProfile[] All = new BoardProfile[] { Esp32, Esp32Psram, Esp32S3 };

        /// <summary>The profile the virtual board and the fit verdicts use when none is named.</summary>
        public static BoardProfile Default { get { return Esp32; } }

        private BoardProfile(string name, string description, int heapBytes, int modelFlashBytes, int trainingSamples)
        {
            Name = name;
            Description = description;
            HeapBytes = heapBytes;
            ModelFlashBytes = modelFlashBytes;
            TrainingSamples = trainingSamples;
        }

        /// <summary>The largest model file an upload accepts: half the model room (two copies during an upload).</summary>
        public int MaxModelBytes { get { return ModelFlashBytes / 2; } }

        /// <summary>The profile with the given name, or null when there is none.</summary>
        public static BoardProfile FromName(string name)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Name == name)
                {
                    return All[i];
                }
            }
            return null;
        }

        /// <summary>The profile names separated by ", " (for messages that list the choices).</summary>
        public static string Names()
        {
            string names = "";
            for (int i = 0; i < All.Length; i++)
            {
                names = i == 0 ? All[i].Name : names + ", " + All[i].Name;
            }
            return names;
        }
    }
}
