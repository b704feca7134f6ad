using TinyNet.Activations;
using TinyNet.Layers;
using TinyNet.Models;
using nanoFramework.TestFramework;

namespace TinyNet.Device.Tests
{
    /// <summary>The .tnn model file reader on the device: round trips, and damaged files refused.</summary>
    [TestClass]
    public class ModelFileTests
    {
        /// <summary>A 3-4-2 model: a float32 tanh layer with bias, then an int8 softmax layer with bias.</summary>
        private static Model SmallModel()
        {
            ModelLayer hidden = new ModelLayer(3, 4, Activation.TanhCode, WeightType.Float32, true);
            for (int i = 0; i < hidden.Weights.Length; i++)
            {
                hidden.Weights[i] = (i - 5) * 0.125f;
            }
            for (int i = 0; i < hidden.Biases.Length; i++)
            {
                hidden.Biases[i] = 0.5f - i * 0.25f;
            }
            ModelLayer output = new ModelLayer(4, 2, Activation.SoftmaxCode, WeightType.Int8, true);
            for (int i = 0; i < output.QuantizedWeights.Length; i++)
            {
                output.QuantizedWeights[i] = (sbyte)(i * 17 - 64);
            }
            output.Scales[0] = 0.01f;
            output.Scales[1] = 0.02f;
            output.Biases[0] = -0.1f;
            output.Biases[1] = 0.3f;
            return new Model("small", new ModelLayer[] { hidden, output });
        }

        /// <summary>Write then read gives the same shapes and the same bits.</summary>
        [TestMethod]
        public void Round_trip_keeps_every_parameter()
        {
            Model written = SmallModel();
            byte[] file = ModelFile.Write(written);
            Assert.AreEqual(ModelFile.FileBytes(written), file.Length, "file length");

            ModelReadResult result = ModelFile.Read(file, file.Length);
            Assert.IsNull(result.Error, "read error");
            Assert.IsTrue(result.Succeeded, "read succeeded");
            AssertSameModel(written, result.Model);
        }

        /// <summary>The incremental reader fed 7 bytes at a time (as an upload arrives) builds the same model.</summary>
        [TestMethod]
        public void Chunked_reader_builds_the_same_model()
        {
            Model written = SmallModel();
            byte[] file = ModelFile.Write(written);
            ModelReader reader = new ModelReader(file.Length, true);
            for (int offset = 0; offset < file.Length; offset += 7)
            {
                int count = file.Length - offset < 7 ? file.Length - offset : 7;
                Assert.IsTrue(reader.Feed(file, offset, count), "feed at " + offset.ToString());
            }
            Assert.IsNull(reader.Finish(), "finish error");
            AssertSameModel(written, reader.Model);
        }

        /// <summary>Every truncated prefix of a good file is refused with a message and no model.</summary>
        [TestMethod]
        public void Truncated_file_is_refused()
        {
            byte[] file = ModelFile.Write(SmallModel());
            for (int length = 0; length < file.Length; length++)
            {
                ModelReadResult result = ModelFile.Read(file, length);
                Assert.IsFalse(result.Succeeded, "a " + length.ToString() + "-byte prefix was accepted");
                Assert.IsNotNull(result.Error, "no error for a " + length.ToString() + "-byte prefix");
            }
        }

        /// <summary>One flipped bit anywhere after the header (here: in the weights and in the CRC) is caught.</summary>
        [TestMethod]
        public void Bad_crc_is_refused()
        {
            byte[] file = ModelFile.Write(SmallModel());
            int[] positions = new int[] { file.Length - 20, file.Length - 1 };
            for (int i = 0; i < positions.Length; i++)
            {
                byte[] damaged = (byte[])file.Clone();
                damaged[positions[i]] ^= 0x04;
                ModelReadResult result = ModelFile.Read(damaged, damaged.Length);
                Assert.IsFalse(result.Succeeded, "flipped byte " + positions[i].ToString() + " was accepted");
                Assert.IsNotNull(ModelFile.Validate(damaged, damaged.Length), "Validate passed byte " + positions[i].ToString());
            }
        }

        /// <summary>The same model naming its two classes.</summary>
        private static Model NamedModel()
        {
            Model plain = SmallModel();
            return new Model(plain.Name, new ModelLayer[] { plain.Layer(0), plain.Layer(1) }, new string[] { "idle", "wave" });
        }

        /// <summary>Class names survive a whole read and a read fed 5 bytes at a time; every cut of the file is refused.</summary>
        [TestMethod]
        public void Class_names_round_trip_whole_and_chunked()
        {
            Model written = NamedModel();
            byte[] file = ModelFile.Write(written);
            Assert.AreEqual(ModelFile.FileBytes(written), file.Length, "file length");
            Assert.AreEqual(ModelFile.FileBytes(SmallModel()) + 2 + 5 + 5, file.Length, "count, then length and name per class");

            ModelReadResult result = ModelFile.Read(file, file.Length);
            Assert.IsNull(result.Error, "read error");
            AssertSameModel(written, result.Model);
            Assert.AreEqual("wave", result.Model.ClassName(1), "class 1");

            ModelReader reader = new ModelReader(file.Length, LoadMode.Shape);
            for (int offset = 0; offset < file.Length; offset += 5)
            {
                reader.Feed(file, offset, file.Length - offset < 5 ? file.Length - offset : 5);
            }
            Assert.IsNull(reader.Finish(), "chunked error");
            Assert.AreEqual("idle", reader.Model.ClassName(0), "chunked class 0");

            for (int length = file.Length - 12; length < file.Length; length++)
            {
                Assert.IsFalse(ModelFile.Read(file, length).Succeeded, "a " + length.ToString() + "-byte prefix was accepted");
            }
        }

        /// <summary>Two classes of the same name, the CRC made to match, are refused by name.</summary>
        [TestMethod]
        public void Duplicate_class_names_are_refused()
        {
            byte[] file = ModelFile.Write(NamedModel());
            // The section ends "... 4 'i' 'd' 'l' 'e' 4 'w' 'a' 'v' 'e' CRC": make the second name "idle" too.
            int second = file.Length - 4 - 4;
            file[second] = (byte)'i';
            file[second + 1] = (byte)'d';
            file[second + 2] = (byte)'l';
            file[second + 3] = (byte)'e';
            TinyNet.Bytes.LittleEndian.PutU32(file, file.Length - 4, TinyNet.Checksums.Crc32.Compute(file, 0, file.Length - 4));
            ModelReadResult result = ModelFile.Read(file, file.Length);
            Assert.IsFalse(result.Succeeded, "duplicate names accepted");
            Assert.AreEqual("classes 0 and 1 are both named 'idle'", result.Error, "message");
        }

        private static void AssertSameModel(Model expected, Model actual)
        {
            Assert.IsNotNull(actual, "model");
            Assert.AreEqual(expected.Name, actual.Name, "name");
            Assert.IsTrue(expected.HasClassNames == actual.HasClassNames, "has class names");
            for (int c = 0; expected.HasClassNames && c < expected.Outputs; c++)
            {
                Assert.AreEqual(expected.ClassName(c), actual.ClassName(c), "class name " + c.ToString());
            }
            Assert.AreEqual(expected.LayerCount, actual.LayerCount, "layer count");
            for (int l = 0; l < expected.LayerCount; l++)
            {
                ModelLayer e = expected.Layer(l);
                ModelLayer a = actual.Layer(l);
                string where = "layer " + l.ToString();
                Assert.AreEqual(e.Inputs, a.Inputs, where + " inputs");
                Assert.AreEqual(e.Neurons, a.Neurons, where + " neurons");
                Assert.AreEqual(e.ActivationCode, a.ActivationCode, where + " activation");
                Assert.AreEqual(e.WeightType, a.WeightType, where + " weight type");
                Assert.IsTrue(e.HasBias == a.HasBias, where + " has bias");
                if (e.WeightType == WeightType.Int8)
                {
                    for (int i = 0; i < e.QuantizedWeights.Length; i++)
                    {
                        Assert.AreEqual((int)e.QuantizedWeights[i], (int)a.QuantizedWeights[i], where + " q" + i.ToString());
                    }
                    for (int i = 0; i < e.Scales.Length; i++)
                    {
                        Tolerance.AssertSameBits(e.Scales[i], a.Scales[i], where + " scale " + i.ToString());
                    }
                }
                else
                {
                    for (int i = 0; i < e.Weights.Length; i++)
                    {
                        Tolerance.AssertSameBits(e.Weights[i], a.Weights[i], where + " w" + i.ToString());
                    }
                }
                for (int i = 0; e.HasBias && i < e.Biases.Length; i++)
                {
                    Tolerance.AssertSameBits(e.Biases[i], a.Biases[i], where + " b" + i.ToString());
                }
            }
        }
    }
}
