using TinyNet.Checksums;
using TinyNet.Numerics;

namespace TinyNet.Models
{
    /// <summary>
    /// Reads, validates and writes .tnn model files (layout in <see cref="ModelFormat"/> and README.md).
    /// One implementation for the host and the device.
    /// </summary>
    public static class ModelFile
    {
        /// <summary>
        /// Loads the model in data[0..length). Never throws on malformed input: a refused file gives
        /// a result whose <see cref="ModelReadResult.Error"/> says what is wrong.
        /// </summary>
        public static ModelReadResult Read(byte[] data, int length)
        {
            string rangeProblem = CheckRange(data, length);
            if (rangeProblem != null)
            {
                return new ModelReadResult(null, rangeProblem);
            }
            ModelReader reader = new ModelReader(length, true);
            reader.Feed(data, 0, length);
            string error = reader.Finish();
            return new ModelReadResult(error == null ? reader.Model : null, error);
        }

        /// <summary>
        /// Checks data[0..length) completely (header, sizes, values, CRC) without allocating the
        /// parameter arrays. Returns the problem, or null when the file would load.
        /// </summary>
        /// <remarks>For a file that arrives in chunks, feed a <see cref="ModelReader"/> in validate mode instead.</remarks>
        public static string Validate(byte[] data, int length)
        {
            string rangeProblem = CheckRange(data, length);
            if (rangeProblem != null)
            {
                return rangeProblem;
            }
            ModelReader reader = new ModelReader(length, false);
            reader.Feed(data, 0, length);
            return reader.Finish();
        }

        /// <summary>What would stop <paramref name="model"/> from being written (NaN/Inf values, bad scales, missing arrays), or null.</summary>
        public static string Check(Model model)
        {
            if (model == null)
            {
                return "there is no model to write";
            }
            string problem = ModelFormat.CheckName(model.Name);
            if (problem != null)
            {
                return problem;
            }
            for (int i = 0; i < model.LayerCount; i++)
            {
                problem = CheckLayer(model.Layer(i), i);
                if (problem != null)
                {
                    return problem;
                }
            }
            return null;
        }

        /// <summary>Bytes the file of <paramref name="model"/> takes.</summary>
        public static int FileBytes(Model model)
        {
            int bytes = ModelFormat.HeaderBytes(model.Name.Length, model.LayerCount) + ModelFormat.CrcBytes;
            for (int i = 0; i < model.LayerCount; i++)
            {
                bytes += model.Layer(i).ParameterBytes;
            }
            return bytes;
        }

        /// <summary>
        /// The file bytes of <paramref name="model"/>. Throws ArgumentException with the message of
        /// <see cref="Check"/> when the model holds NaN/Inf values or bad scales: such a model is never written.
        /// </summary>
        /// <remarks>Allocates (the result, and 4 bytes per float through BitConverter); not for hot paths.</remarks>
        public static byte[] Write(Model model)
        {
            string problem = Check(model);
            if (problem != null)
            {
                throw new System.ArgumentException("refusing to write the model: " + problem);
            }
            byte[] data = new byte[FileBytes(model)];
            int p = 0;
            data[p++] = ModelFormat.Magic0;
            data[p++] = ModelFormat.Magic1;
            data[p++] = ModelFormat.Magic2;
            data[p++] = ModelFormat.Magic3;
            p = PutU16(data, p, ModelFormat.Version);
            p = PutU16(data, p, 0);
            data[p++] = (byte)model.Name.Length;
            for (int i = 0; i < model.Name.Length; i++)
            {
                data[p++] = (byte)model.Name[i];
            }
            p = PutU16(data, p, model.LayerCount);
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                p = PutU32(data, p, (uint)layer.Inputs);
                p = PutU32(data, p, (uint)layer.Neurons);
                data[p++] = (byte)layer.ActivationCode;
                data[p++] = (byte)layer.WeightType;
                data[p++] = (byte)(layer.HasBias ? 1 : 0);
                data[p++] = 0;
            }
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                if (layer.IsQuantized)
                {
                    sbyte[] q = layer.QuantizedWeights;
                    for (int k = 0; k < q.Length; k++)
                    {
                        data[p++] = (byte)q[k];
                    }
                    p = PutFloats(data, p, layer.Scales);
                }
                else
                {
                    p = PutFloats(data, p, layer.Weights);
                }
                if (layer.HasBias)
                {
                    p = PutFloats(data, p, layer.Biases);
                }
            }
            PutU32(data, p, Crc32.Compute(data, 0, p));
            return data;
        }

        private static string CheckLayer(ModelLayer layer, int index)
        {
            string where = " in layer " + (index + 1).ToString();
            if (layer.IsQuantized)
            {
                if (layer.QuantizedWeights == null || layer.QuantizedWeights.Length != layer.WeightCount
                    || layer.Scales == null || layer.Scales.Length != layer.Neurons)
                {
                    return "the int8 weights or scales" + where + " have the wrong size";
                }
                for (int k = 0; k < layer.QuantizedWeights.Length; k++)
                {
                    if (layer.QuantizedWeights[k] == -128)
                    {
                        return "int8 weight -128" + where + " (the range is -127..127)";
                    }
                }
                for (int j = 0; j < layer.Scales.Length; j++)
                {
                    float s = layer.Scales[j];
                    if (!(s > 0f) || !MathSeam.IsFinite(s))
                    {
                        return "scale must be positive and finite: layer " + (index + 1).ToString() + ", neuron "
                            + (j + 1).ToString() + " has " + s.ToString();
                    }
                }
            }
            else
            {
                if (layer.Weights == null || layer.Weights.Length != layer.WeightCount)
                {
                    return "the weights" + where + " have the wrong size";
                }
                string bad = FindNonFinite(layer.Weights, "weight");
                if (bad != null)
                {
                    return bad + where;
                }
            }
            if (layer.HasBias)
            {
                if (layer.Biases == null || layer.Biases.Length != layer.Neurons)
                {
                    return "the biases" + where + " have the wrong size";
                }
                string bad = FindNonFinite(layer.Biases, "bias");
                if (bad != null)
                {
                    return bad + where;
                }
            }
            return null;
        }

        // "NaN weight" / "infinite bias" for the first non-finite value, or null.
        private static string FindNonFinite(float[] values, string what)
        {
            for (int i = 0; i < values.Length; i++)
            {
                float v = values[i];
                if (float.IsNaN(v))
                {
                    return "NaN " + what;
                }
                if (!MathSeam.IsFinite(v))
                {
                    return "infinite " + what;
                }
            }
            return null;
        }

        private static string CheckRange(byte[] data, int length)
        {
            if (data == null)
            {
                return "there is no model data";
            }
            if (length < 0 || length > data.Length)
            {
                return "the model length " + length.ToString() + " is outside the " + data.Length.ToString() + "-byte buffer";
            }
            return null;
        }

        private static int PutU16(byte[] data, int p, int value)
        {
            data[p] = (byte)value;
            data[p + 1] = (byte)(value >> 8);
            return p + 2;
        }

        private static int PutU32(byte[] data, int p, uint value)
        {
            data[p] = (byte)value;
            data[p + 1] = (byte)(value >> 8);
            data[p + 2] = (byte)(value >> 16);
            data[p + 3] = (byte)(value >> 24);
            return p + 4;
        }

        private static int PutFloats(byte[] data, int p, float[] values)
        {
            bool swap = !System.BitConverter.IsLittleEndian;
            for (int i = 0; i < values.Length; i++)
            {
                byte[] bytes = System.BitConverter.GetBytes(values[i]);
                for (int b = 0; b < 4; b++)
                {
                    data[p + b] = bytes[swap ? 3 - b : b];
                }
                p += 4;
            }
            return p;
        }
    }
}
