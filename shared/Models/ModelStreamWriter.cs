using TinyNet.Bytes;
using TinyNet.Checksums;

namespace TinyNet.Models
{
    /// <summary>
    /// Writes a model file to an <see cref="IByteSink"/> through one small block, so a board can store
    /// a model it could not hold twice in memory. It is the one writer of the layout: <see cref="ModelFile.Write"/>
    /// streams through it into an array.
    /// </summary>
    public sealed class ModelStreamWriter
    {
        private readonly byte[] _block;
        private IByteSink _sink;
        private int _used;
        private int _written;
        private uint _running;
        private uint _fileCrc;

        /// <summary>A writer that hands the sink <paramref name="blockBytes"/> (at least 8) bytes at a time.</summary>
        public ModelStreamWriter(int blockBytes)
        {
            _block = new byte[blockBytes < 8 ? 8 : blockBytes];
        }

        /// <summary>Bytes written by the last <see cref="Write"/>.</summary>
        public int Written { get { return _written; } }

        /// <summary>CRC-32 of the whole file written last, trailer included (what a chunked reader's FileCrc gives).</summary>
        public uint FileCrc { get { return _fileCrc; } }

        /// <summary>
        /// Writes <paramref name="model"/>'s file to <paramref name="sink"/>. Returns the problem that stops it from
        /// being written (<see cref="ModelFile.Check"/>: NaN/Inf values, bad scales) without writing anything, or null.
        /// </summary>
        public string Write(Model model, IByteSink sink)
        {
            string problem = ModelFile.Check(model);
            if (problem != null)
            {
                return problem;
            }
            _sink = sink;
            _used = 0;
            _written = 0;
            _running = Crc32.Start;
            Byte(ModelFormat.Magic0);
            Byte(ModelFormat.Magic1);
            Byte(ModelFormat.Magic2);
            Byte(ModelFormat.Magic3);
            U16(ModelFormat.Version);
            U16(ModelFile.Flags(model));
            Byte(model.Name.Length);
            for (int i = 0; i < model.Name.Length; i++)
            {
                Byte(model.Name[i]);
            }
            U16(model.LayerCount);
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                U32((uint)layer.Inputs);
                U32((uint)layer.Neurons);
                Byte(layer.ActivationCode);
                Byte(layer.WeightType);
                Byte(layer.HasBias ? 1 : 0);
                Byte(0);
            }
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                if (layer.IsQuantized)
                {
                    sbyte[] q = layer.QuantizedWeights;
                    for (int k = 0; k < q.Length; k++)
                    {
                        Byte((byte)q[k]);
                    }
                    Floats(layer.Scales);
                }
                else
                {
                    Floats(layer.Weights);
                }
                if (layer.HasBias)
                {
                    Floats(layer.Biases);
                }
            }
            if (model.HasClassNames)
            {
                string[] names = model.ClassNames;
                U16(names.Length);
                for (int c = 0; c < names.Length; c++)
                {
                    Byte(names[c].Length);
                    for (int i = 0; i < names[c].Length; i++)
                    {
                        Byte(names[c][i]);
                    }
                }
            }
            Flush();
            U32(Crc32.Finish(_running));
            Flush();
            _fileCrc = Crc32.Finish(_running);
            _sink = null;
            return null;
        }

        private void Byte(int value)
        {
            if (_used == _block.Length)
            {
                Flush();
            }
            _block[_used++] = (byte)value;
        }

        private void U16(int value)
        {
            Byte(value & 0xFF);
            Byte((value >> 8) & 0xFF);
        }

        private void U32(uint value)
        {
            for (int i = 0; i < 4; i++)
            {
                Byte((int)(value >> (8 * i)) & 0xFF);
            }
        }

        private void Floats(float[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                U32(FloatBits.ToBits(values[i]));
            }
        }

        // Hands the block to the sink and folds it into the running CRC.
        private void Flush()
        {
            if (_used == 0)
            {
                return;
            }
            _running = Crc32.Update(_running, _block, 0, _used);
            _sink.Append(_block, 0, _used);
            _written += _used;
            _used = 0;
        }
    }
}
