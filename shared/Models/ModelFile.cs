using TinyNet.Bytes;
using TinyNet.Checksums;

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

        /// <summary>
        /// What would stop <paramref name="model"/> from being written (NaN/Inf values, bad scales, int8 -128,
        /// missing arrays), or null: the same <see cref="ModelRules"/> the reader applies.
        /// </summary>
        public static string Check(Model model)
        {
            if (model == null)
            {
                return "there is no model to write";
            }
            string problem = ModelRules.CheckName(model.Name);
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
            return ModelRules.CheckClassNames(model.ClassNames, model.Outputs);
        }

        /// <summary>The header's flags for <paramref name="model"/>: <see cref="ModelFormat.FlagClassNames"/> when it names its classes, else 0.</summary>
        public static int Flags(Model model)
        {
            return model.HasClassNames ? ModelFormat.FlagClassNames : 0;
        }

        /// <summary>Bytes the file of <paramref name="model"/> takes.</summary>
        public static int FileBytes(Model model)
        {
            int bytes = ModelFormat.HeaderBytes(model.Name.Length, model.LayerCount) + ModelFormat.CrcBytes;
            for (int i = 0; i < model.LayerCount; i++)
            {
                bytes += model.Layer(i).ParameterBytes;
            }
            return bytes + ModelFormat.ClassNamesBytes(model.ClassNames);
        }

        /// <summary>
        /// The file bytes of <paramref name="model"/>. Throws ArgumentException with the message of
        /// <see cref="Check"/> when the model holds NaN/Inf values or bad scales: such a model is never written.
        /// </summary>
        /// <remarks>Allocates the result; not for hot paths.</remarks>
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
            p = LittleEndian.PutU16(data, p, ModelFormat.Version);
            p = LittleEndian.PutU16(data, p, Flags(model));
            data[p++] = (byte)model.Name.Length;
            for (int i = 0; i < model.Name.Length; i++)
            {
                data[p++] = (byte)model.Name[i];
            }
            p = LittleEndian.PutU16(data, p, model.LayerCount);
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                p = LittleEndian.PutU32(data, p, (uint)layer.Inputs);
                p = LittleEndian.PutU32(data, p, (uint)layer.Neurons);
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
            if (model.HasClassNames)
            {
                string[] names = model.ClassNames;
                p = LittleEndian.PutU16(data, p, names.Length);
                for (int c = 0; c < names.Length; c++)
                {
                    data[p++] = (byte)names[c].Length;
                    for (int i = 0; i < names[c].Length; i++)
                    {
                        data[p++] = (byte)names[c][i];
                    }
                }
            }
            LittleEndian.PutU32(data, p, Crc32.Compute(data, 0, p));
            return data;
        }

        // The value rules the reader applies too (ModelRules), over one layer's arrays.
        private static string CheckLayer(ModelLayer layer, int index)
        {
            string where = " in layer " + (index + 1).ToString();
            string problem;
            if (layer.IsQuantized)
            {
                if (layer.QuantizedWeights == null || layer.QuantizedWeights.Length != layer.WeightCount
                    || layer.Scales == null || layer.Scales.Length != layer.Neurons)
                {
                    return "the int8 weights or scales" + where + " have the wrong size";
                }
                for (int k = 0; k < layer.QuantizedWeights.Length; k++)
                {
                    problem = ModelRules.CheckInt8Weight(layer.QuantizedWeights[k], index);
                    if (problem != null)
                    {
                        return problem;
                    }
                }
                for (int j = 0; j < layer.Scales.Length; j++)
                {
                    problem = ModelRules.CheckScale(layer.Scales[j], index, j);
                    if (problem != null)
                    {
                        return problem;
                    }
                }
            }
            else
            {
                if (layer.Weights == null || layer.Weights.Length != layer.WeightCount)
                {
                    return "the weights" + where + " have the wrong size";
                }
                problem = FindNonFinite(layer.Weights, "weight", index);
                if (problem != null)
                {
                    return problem;
                }
            }
            if (layer.HasBias)
            {
                if (layer.Biases == null || layer.Biases.Length != layer.Neurons)
                {
                    return "the biases" + where + " have the wrong size";
                }
                return FindNonFinite(layer.Biases, "bias", index);
            }
            return null;
        }

        private static string FindNonFinite(float[] values, string what, int layerIndex)
        {
            for (int i = 0; i < values.Length; i++)
            {
                string problem = ModelRules.CheckFinite(values[i], what, layerIndex);
                if (problem != null)
                {
                    return problem;
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

        private static int PutFloats(byte[] data, int p, float[] values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                p = LittleEndian.PutF32(data, p, values[i]);
            }
            return p;
        }
    }
}
