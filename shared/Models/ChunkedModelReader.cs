using TinyNet.Checksums;

namespace TinyNet.Models
{
    /// <summary>
    /// Feeds a <see cref="ModelReader"/> from an <see cref="IChunkSource"/> one block at a time, so only
    /// the parsed model (or nothing, when validating) is ever in memory, never the file. The one way the
    /// board reads a stored model or an upload, and the flash store checks a file.
    /// </summary>
    /// <remarks>
    /// The result does not depend on how the source cuts the file: any chunk sizes give the same model or
    /// the same refusal as <see cref="ModelFile.Read"/> of the whole file. A source that ends early
    /// gives the reader's "truncated" refusal.
    /// </remarks>
    public sealed class ChunkedModelReader
    {
        private readonly byte[] _block;
        private Model _model;
        private uint _modelCrc;
        private uint _fileCrc;

        /// <summary>Reads through a buffer of <paramref name="blockBytes"/> bytes, allocated here once.</summary>
        public ChunkedModelReader(int blockBytes)
        {
            _block = new byte[blockBytes < 1 ? 1 : blockBytes];
        }

        /// <summary>
        /// Hands over the model of the last successful <see cref="Read(IChunkSource, int, int)"/> with load true (null otherwise)
        /// and forgets it, so this reader never keeps a model alive that its owner let go.
        /// </summary>
        public Model TakeModel()
        {
            Model model = _model;
            _model = null;
            return model;
        }

        /// <summary>The model's own CRC-32 (its trailer) after a successful <see cref="Read(IChunkSource, int, int)"/>; 0 otherwise.</summary>
        public uint ModelCrc { get { return _modelCrc; } }

        /// <summary>CRC-32 of every byte the last <see cref="Read(IChunkSource, int, int)"/> or <see cref="Checksum"/> got from the source, trailer included.</summary>
        public uint FileCrc { get { return _fileCrc; } }

        /// <summary>
        /// Reads the <paramref name="length"/>-byte file in <paramref name="source"/> through a
        /// <see cref="ModelReader"/>: with <paramref name="load"/> true builds the model, otherwise only
        /// validates it. Returns the problem, or null when the file is a good model.
        /// </summary>
        /// <remarks>Every byte is read even after a problem is found, so <see cref="FileCrc"/> covers the whole file.</remarks>
        public string Read(IChunkSource source, int length, bool load)
        {
            return Read(source, length, load ? LoadMode.Full : LoadMode.Validate);
        }

        /// <summary>
        /// Like <see cref="Read(IChunkSource, int, bool)"/>, keeping what <paramref name="loadMode"/> (a
        /// <see cref="LoadMode"/>) says: a shape-only model, one whose int8 weights stay in the file, or all.
        /// </summary>
        public string Read(IChunkSource source, int length, int loadMode)
        {
            _model = null;
            _modelCrc = 0;
            ModelReader reader = new ModelReader(length, loadMode);
            uint crc = Crc32.Start;
            for (int position = 0; position < length;)
            {
                int n = source.ReadChunk(position, _block, 0, Min(_block.Length, length - position));
                if (n <= 0)
                {
                    break;
                }
                crc = Crc32.Update(crc, _block, 0, n);
                reader.Feed(_block, 0, n);
                position += n;
            }
            _fileCrc = Crc32.Finish(crc);
            string problem = reader.Finish();
            if (problem == null)
            {
                _model = reader.Model;
                _modelCrc = reader.Crc;
            }
            return problem;
        }

        /// <summary>
        /// Computes <see cref="FileCrc"/> over the first <paramref name="length"/> bytes of
        /// <paramref name="source"/> (no model check); returns how many bytes the source gave.
        /// </summary>
        public int Checksum(IChunkSource source, int length)
        {
            uint crc = Crc32.Start;
            int position = 0;
            while (position < length)
            {
                int n = source.ReadChunk(position, _block, 0, Min(_block.Length, length - position));
                if (n <= 0)
                {
                    break;
                }
                crc = Crc32.Update(crc, _block, 0, n);
                position += n;
            }
            _fileCrc = Crc32.Finish(crc);
            return position;
        }

        private static int Min(int a, int b)
        {
            return a < b ? a : b;
        }
    }
}
