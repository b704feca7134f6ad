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
            byte[] data = new byte[FileBytes(model)];
            // The layout is written in one place, the streaming writer (which also checks the model).
            string problem = new ModelStreamWriter(WriteBlockBytes).Write(model, new ArraySink(data));
            if (problem != null)
            {
                throw new System.ArgumentException("refusing to write the model: " + problem);
            }
            return data;
        }

        private const int WriteBlockBytes = 4096;

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

        // Fills an array of exactly the file's size from the start.
        private sealed class ArraySink : IByteSink
        {
            private readonly byte[] _data;
            private int _used;

            public ArraySink(byte[] data)
            {
                _data = data;
            }

            public void Append(byte[] buffer, int offset, int count)
            {
                System.Array.Copy(buffer, offset, _data, _used, count);
                _used += count;
            }
        }
    }
}
