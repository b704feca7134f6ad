namespace TinyNet.Board
{
    /// <summary>
    /// A model store in memory with the same atomic semantics as the flash one, plus a power switch:
    /// tests can cut the power after any number of write steps and check what survives a reboot.
    /// </summary>
    /// <remarks>
    /// Every mutation counts steps: one per byte appended, one for each begin, commit and discard.
    /// Once the budget set by <see cref="CutPowerAfter"/> is spent the store is "off": further
    /// mutations are silently lost (an append may be cut mid-way), reads still show what was kept.
    /// <see cref="PowerOn"/> is the reboot. The commit is a single step, so it happens entirely or not.
    /// </remarks>
    public sealed class MemoryModelStore : IModelStore
    {
        private readonly int _capacity;
        private byte[] _active;
        private int _activeLength = -1;
        private byte[] _upload;
        private int _uploadLength;
        private long _budget = -1;
        private long _steps;

        /// <summary>Creates an empty store that holds files of up to <paramref name="capacity"/> bytes.</summary>
        public MemoryModelStore(int capacity)
        {
            _capacity = capacity < 0 ? 0 : capacity;
            _upload = new byte[0];
        }

        /// <summary>Write steps performed since creation (lost ones after a cut not included).</summary>
        public long Steps { get { return _steps; } }

        /// <summary>True after the power was cut and before <see cref="PowerOn"/>.</summary>
        public bool PoweredOff { get { return _budget == 0; } }

        /// <summary>Lets <paramref name="steps"/> more write steps happen, then loses every later write.</summary>
        public void CutPowerAfter(long steps)
        {
            _budget = steps < 0 ? 0 : steps;
        }

        /// <summary>Powers the store back on with no cut pending (the "reboot").</summary>
        public void PowerOn()
        {
            _budget = -1;
        }

        /// <summary>Stores <paramref name="file"/> as the active model directly (test set-up).</summary>
        public void SetActive(byte[] file, int length)
        {
            _active = new byte[length];
            System.Array.Copy(file, 0, _active, 0, length);
            _activeLength = length;
        }

        /// <inheritdoc/>
        public int ActiveLength { get { return _activeLength; } }

        /// <inheritdoc/>
        public int ReadActive(int position, byte[] buffer, int offset, int count)
        {
            return Copy(_active, _activeLength, position, buffer, offset, count);
        }

        /// <inheritdoc/>
        public int UploadLength { get { return _uploadLength; } }

        /// <inheritdoc/>
        public void BeginUpload()
        {
            if (Step(1) == 1)
            {
                _uploadLength = 0;
            }
        }

        /// <inheritdoc/>
        public void AppendUpload(byte[] buffer, int offset, int count)
        {
            if (count < 0 || _uploadLength + count > _capacity)
            {
                throw new System.InvalidOperationException("the model store is full: it holds " + _capacity.ToString() + " bytes");
            }
            if (_upload.Length < _uploadLength + count)
            {
                int size = _upload.Length * 2;
                if (size < _uploadLength + count)
                {
                    size = _uploadLength + count;
                }
                if (size > _capacity)
                {
                    size = _capacity;
                }
                byte[] grown = new byte[size];
                System.Array.Copy(_upload, 0, grown, 0, _uploadLength);
                _upload = grown;
            }
            int kept = (int)Step(count);
            System.Array.Copy(buffer, offset, _upload, _uploadLength, kept);
            _uploadLength += kept;
        }

        /// <inheritdoc/>
        public int ReadUpload(int position, byte[] buffer, int offset, int count)
        {
            return Copy(_upload, _uploadLength, position, buffer, offset, count);
        }

        /// <inheritdoc/>
        public void CommitUpload()
        {
            if (Step(1) == 1)
            {
                byte[] file = new byte[_uploadLength];
                System.Array.Copy(_upload, 0, file, 0, _uploadLength);
                _active = file;
                _activeLength = _uploadLength;
                _uploadLength = 0;
            }
        }

        /// <inheritdoc/>
        public void DiscardUpload()
        {
            if (Step(1) == 1)
            {
                _uploadLength = 0;
            }
        }

        // Spends up to `wanted` steps of the budget; returns how many were allowed.
        private long Step(long wanted)
        {
            long allowed = wanted;
            if (_budget >= 0)
            {
                if (allowed > _budget)
                {
                    allowed = _budget;
                }
                _budget -= allowed;
            }
            _steps += allowed;
            return allowed;
        }

        private static int Copy(byte[] source, int length, int position, byte[] buffer, int offset, int count)
        {
            if (source == null || position < 0 || position >= length || count <= 0)
            {
                return 0;
            }
            int n = length - position;
            if (n > count)
            {
                n = count;
            }
            System.Array.Copy(source, position, buffer, offset, n);
            return n;
        }
    }
}
