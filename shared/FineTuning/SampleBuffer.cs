namespace TinyNet.FineTuning
{
    /// <summary>
    /// The labelled samples a board keeps for a fine-tuning epoch: a fixed number of raw inputs
    /// (one byte per pixel) and their labels, allocated once. When it is full the oldest sample
    /// makes room for the newest, so the buffer always holds the latest ones.
    /// </summary>
    public sealed class SampleBuffer
    {
        private readonly byte[] _pixels;
        private readonly byte[] _labels;
        private readonly int _inputs;
        private int _count;
        private int _next;

        /// <summary>Room for <paramref name="capacity"/> samples of <paramref name="inputs"/> bytes each.</summary>
        public SampleBuffer(int capacity, int inputs)
        {
            if (capacity < 1 || inputs < 1)
            {
                throw new System.ArgumentException("a sample buffer needs room for at least one sample of at least one input");
            }
            _pixels = new byte[capacity * inputs];
            _labels = new byte[capacity];
            _inputs = inputs;
        }

        /// <summary>Bytes a buffer of this size allocates (array headers not counted).</summary>
        public static int Bytes(int capacity, int inputs)
        {
            return capacity * (inputs + 1);
        }

        /// <summary>Samples it can hold.</summary>
        public int Capacity { get { return _labels.Length; } }

        /// <summary>Samples it holds.</summary>
        public int Count { get { return _count; } }

        /// <summary>The raw inputs of every slot, <see cref="Offset"/> gives where sample i starts.</summary>
        public byte[] Pixels { get { return _pixels; } }

        /// <summary>Where the i-th held sample (0 = oldest) starts in <see cref="Pixels"/>.</summary>
        public int Offset(int i)
        {
            return Slot(i) * _inputs;
        }

        /// <summary>The label of the i-th held sample (0 = oldest).</summary>
        public int Label(int i)
        {
            return _labels[Slot(i)];
        }

        /// <summary>Copies one sample in, replacing the oldest when the buffer is full.</summary>
        public void Add(byte[] pixels, int offset, int label)
        {
            System.Array.Copy(pixels, offset, _pixels, _next * _inputs, _inputs);
            _labels[_next] = (byte)label;
            _next = _next + 1 == _labels.Length ? 0 : _next + 1;
            if (_count < _labels.Length)
            {
                _count++;
            }
        }

        /// <summary>Forgets every sample.</summary>
        public void Clear()
        {
            _count = 0;
            _next = 0;
        }

        // Slot of the i-th held sample, oldest first.
        private int Slot(int i)
        {
            int first = _count < _labels.Length ? 0 : _next;
            int slot = first + i;
            return slot >= _labels.Length ? slot - _labels.Length : slot;
        }
    }
}
