#if !NANOFRAMEWORK_1_0
// The host's virtual board compiles this same file (host/TinyNet.Host imports TinyNet.Device.Storage.projitems);
// nano has no nullable annotations.
#nullable disable
#endif
using System.IO;
using TinyNet.Board;
using TinyNet.Models;

namespace TinyNet.Device
{
    /// <summary>
    /// The board's model store on the internal flash volume I:\ (littlefs): the active model in
    /// model.tnn, an upload in progress in upload.part.
    /// </summary>
    /// <remarks>
    /// nanoFramework's File.Move refuses to overwrite, so a commit cannot be one rename. It is:
    /// <list type="number">
    /// <item>flush and close upload.part (already verified by the session);</item>
    /// <item>delete a stale model.old, if any;</item>
    /// <item>rename model.tnn → model.old (if there is an active model);</item>
    /// <item>rename upload.part → model.tnn;</item>
    /// <item>delete model.old.</item>
    /// </list>
    /// Each step is one littlefs operation. At construction <see cref="Recover"/> repairs whatever a reset
    /// between two steps left: no model.tnn but a model.old means the reset came between steps 3 and 4,
    /// and the previous model is renamed back (the host never saw the commit acknowledged). A model.tnn
    /// that does not pass the model file check (should nanoFramework's Move have fallen back to
    /// copy + delete and been cut short) is replaced by a valid model.old. A leftover upload.part is
    /// deleted: an upload does not survive a reset.
    /// I:\ also holds nanoFramework's own configuration files (con_*), so this store only ever
    /// touches its own folder.
    /// </remarks>
    public sealed class FlashModelStore : IModelStore
    {
        /// <summary>The store's folder on the internal flash volume.</summary>
        public const string DefaultFolder = "I:\\tinynet";

        private const string ActiveName = "model.tnn";
        private const string PreviousName = "model.old";
        private const string UploadName = "upload.part";

        // Chunk used to stream a stored model through the model file check without loading it.
        private const int CheckChunkBytes = 256;

        private readonly string _activePath;
        private readonly string _previousPath;
        private readonly string _uploadPath;

        private int _activeLength;
        private FileStream _upload;
        private FileStream _activeReader;
        private int _uploadLength;
        private string _recoveryNote;

        /// <summary>Opens (creating if needed) the store in <paramref name="folder"/> and repairs an interrupted commit.</summary>
        public FlashModelStore(string folder)
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
            }
            _activePath = Path.Combine(folder, ActiveName);
            _previousPath = Path.Combine(folder, PreviousName);
            _uploadPath = Path.Combine(folder, UploadName);
            Recover();
        }

        /// <summary>What <see cref="Recover"/> had to repair at start-up, or null when the store was clean.</summary>
        public string RecoveryNote { get { return _recoveryNote; } }

        /// <summary>Length in bytes of the active model, or -1 when no model is stored.</summary>
        public int ActiveLength { get { return _activeLength; } }

        /// <summary>Bytes of the upload in progress written so far (0 when there is none).</summary>
        public int UploadLength { get { return _uploadLength; } }

        /// <summary>Copies up to <paramref name="count"/> bytes of the active model from <paramref name="position"/>; returns how many.</summary>
        public int ReadActive(int position, byte[] buffer, int offset, int count)
        {
            if (_activeLength < 0 || position >= _activeLength || count <= 0)
            {
                return 0;
            }
            // A streamed model reads its weights here in 2 KB blocks, dozens per prediction: the file
            // stays open between reads instead of being opened for each (closed before a commit moves it).
            if (_activeReader == null)
            {
                _activeReader = new FileStream(_activePath, FileMode.Open, FileAccess.Read);
            }
            int wanted = _activeLength - position < count ? _activeLength - position : count;
            _activeReader.Seek(position, SeekOrigin.Begin);
            return ReadFully(_activeReader, buffer, offset, wanted);
        }

        /// <summary>Starts a new upload, discarding any previous unfinished one.</summary>
        public void BeginUpload()
        {
            DiscardUpload();
            _upload = new FileStream(_uploadPath, FileMode.Create, FileAccess.ReadWrite);
            _uploadLength = 0;
        }

        /// <summary>Appends bytes to the upload in progress.</summary>
        public void AppendUpload(byte[] buffer, int offset, int count)
        {
            if (_upload == null)
            {
                throw new System.InvalidOperationException("no upload in progress");
            }
            _upload.Seek(_uploadLength, SeekOrigin.Begin);
            _upload.Write(buffer, offset, count);
            _uploadLength += count;
        }

        /// <summary>Copies up to <paramref name="count"/> bytes of the upload from <paramref name="position"/>; returns how many.</summary>
        public int ReadUpload(int position, byte[] buffer, int offset, int count)
        {
            if (_upload == null || position >= _uploadLength || count <= 0)
            {
                return 0;
            }
            int wanted = _uploadLength - position < count ? _uploadLength - position : count;
            // The same stream serves reads and appends (littlefs may refuse a second handle on the
            // file); AppendUpload seeks back to the end before it writes.
            _upload.Flush();
            _upload.Seek(position, SeekOrigin.Begin);
            return ReadFully(_upload, buffer, offset, wanted);
        }

        /// <summary>Makes the (already verified) upload the active model: see the class remarks for the steps.</summary>
        public void CommitUpload()
        {
            if (_upload == null)
            {
                throw new System.InvalidOperationException("no upload to commit");
            }
            _upload.Flush();
            _upload.Close();
            _upload = null;
            int length = _uploadLength;
            _uploadLength = 0;

            CloseActiveReader();
            DeleteIfExists(_previousPath);
            if (File.Exists(_activePath))
            {
                File.Move(_activePath, _previousPath);
            }
            File.Move(_uploadPath, _activePath);
            DeleteIfExists(_previousPath);
            _activeLength = length;
        }

        /// <summary>Throws away the upload in progress, if any.</summary>
        public void DiscardUpload()
        {
            if (_upload != null)
            {
                _upload.Close();
                _upload = null;
            }
            _uploadLength = 0;
            DeleteIfExists(_uploadPath);
        }

        private void CloseActiveReader()
        {
            if (_activeReader != null)
            {
                _activeReader.Close();
                _activeReader = null;
            }
        }

        /// <summary>Brings the files back to "one valid model or none, no upload" after a reset at any moment.</summary>
        private void Recover()
        {
            string note = null;
            if (File.Exists(_uploadPath))
            {
                File.Delete(_uploadPath);
                note = "dropped an unfinished upload";
            }

            bool haveActive = File.Exists(_activePath);
            bool havePrevious = File.Exists(_previousPath);
            if (haveActive && havePrevious)
            {
                // Reset after the new model was renamed in: keep it if it checks out.
                if (IsValidModel(_activePath))
                {
                    File.Delete(_previousPath);
                    note = Append(note, "finished an interrupted commit");
                }
                else
                {
                    File.Delete(_activePath);
                    File.Move(_previousPath, _activePath);
                    note = Append(note, "restored the previous model over a damaged new one");
                }
            }
            else if (havePrevious)
            {
                // Reset between "active → previous" and "upload → active": the previous model is the one.
                File.Move(_previousPath, _activePath);
                note = Append(note, "restored the previous model after an interrupted commit");
            }

            _activeLength = File.Exists(_activePath) ? FileLength(_activePath) : -1;
            _recoveryNote = note;
        }

        /// <summary>Streams the file through the model file check (CRC and structure) without loading its parameters.</summary>
        private static bool IsValidModel(string path)
        {
            ChunkedModelReader reader = new ChunkedModelReader(CheckChunkBytes);
            return reader.Read(new StoredFile(path), FileLength(path), false) == null;
        }

        private static int ReadFile(string path, int position, byte[] buffer, int offset, int count)
        {
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                long available = stream.Length - position;
                if (available <= 0)
                {
                    return 0;
                }
                int wanted = available < count ? (int)available : count;
                stream.Seek(position, SeekOrigin.Begin);
                return ReadFully(stream, buffer, offset, wanted);
            }
        }

        /// <summary>Reads until <paramref name="count"/> bytes arrived or the stream ends; returns how many.</summary>
        private static int ReadFully(FileStream stream, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = stream.Read(buffer, offset + total, count - total);
                if (n <= 0)
                {
                    break;
                }
                total += n;
            }
            return total;
        }

        private static int FileLength(string path)
        {
            using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)stream.Length;
            }
        }

        private static void DeleteIfExists(string path)
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }

        private static string Append(string note, string more)
        {
            return note == null ? more : note + "; " + more;
        }

        /// <summary>A file of the store as a chunk source, opened for each chunk (read once, when the store opens).</summary>
        private sealed class StoredFile : IChunkSource
        {
            private readonly string _path;

            public StoredFile(string path)
            {
                _path = path;
            }

            public int ReadChunk(int position, byte[] buffer, int offset, int count)
            {
                return count <= 0 ? 0 : ReadFile(_path, position, buffer, offset, count);
            }
        }
    }
}
