using nanoFramework.TestFramework;
using TinyNet.Bytes;
using TinyNet.Link;

namespace TinyNet.Device.Tests
{
    /// <summary>The link's frame and payload codecs on the device: what the host encodes, the board decodes.</summary>
    [TestClass]
    public class LinkCodecTests
    {
        /// <summary>A frame with every payload field type decodes to the same values, byte by byte.</summary>
        [TestMethod]
        public void Frame_round_trip_keeps_type_seq_and_every_field()
        {
            FrameEncoder encoder = new FrameEncoder(LinkProtocol.MaxPayload);
            PayloadWriter writer = encoder.Begin();
            writer.U8(0xAB);
            writer.U16(0x1234);
            writer.U32(0xDEADBEEFu);
            writer.I32(-123456);
            writer.F32(-2.5f);
            writer.F32(0.1f);
            writer.Text("hello board", 64);
            int length = encoder.Finish(7, 200);
            Assert.IsTrue(length > 0, "encoded length " + length.ToString());

            FrameDecoder decoder = new FrameDecoder(LinkProtocol.MaxPayload);
            int frames = Feed(decoder, encoder.Output, length);
            Assert.AreEqual(1, frames, "frames decoded");
            Assert.AreEqual(7, decoder.Type, "type");
            Assert.AreEqual(200, decoder.Seq, "seq");

            PayloadReader reader = decoder.Payload();
            Assert.AreEqual(0xAB, reader.U8(), "u8");
            Assert.AreEqual(0x1234, reader.U16(), "u16");
            Assert.IsTrue(reader.U32() == 0xDEADBEEFu, "u32");
            Assert.AreEqual(-123456, reader.I32(), "i32");
            Tolerance.AssertSameBits(-2.5f, reader.F32(), "f32 -2.5");
            Tolerance.AssertSameBits(0.1f, reader.F32(), "f32 0.1");
            Assert.AreEqual("hello board", reader.Text(), "text");
            Assert.IsTrue(reader.AtEnd, "payload fully consumed");
        }

        /// <summary>A payload of 600 zero and 0xFF bytes crosses COBS block boundaries and still comes back intact.</summary>
        [TestMethod]
        public void Long_payload_with_zeros_survives_cobs()
        {
            byte[] payload = new byte[600];
            for (int i = 0; i < payload.Length; i++)
            {
                payload[i] = (byte)(i % 3 == 0 ? 0 : (i % 5 == 0 ? 0xFF : i));
            }
            FrameEncoder encoder = new FrameEncoder(LinkProtocol.MaxPayload);
            int length = encoder.Encode(3, 1, payload, 0, payload.Length);
            Assert.IsTrue(length > payload.Length, "encoded length " + length.ToString());

            FrameDecoder decoder = new FrameDecoder(LinkProtocol.MaxPayload);
            Assert.AreEqual(1, Feed(decoder, encoder.Output, length), "frames decoded");
            Assert.AreEqual(payload.Length, decoder.PayloadLength, "payload length");
            for (int i = 0; i < payload.Length; i++)
            {
                Assert.AreEqual((int)payload[i], (int)decoder.Buffer[decoder.PayloadOffset + i], "byte " + i.ToString());
            }
        }

        /// <summary>A frame with one damaged byte is dropped and counted, and the next good frame still arrives.</summary>
        [TestMethod]
        public void Damaged_frame_is_dropped_and_the_next_one_decodes()
        {
            FrameEncoder encoder = new FrameEncoder(LinkProtocol.MaxPayload);
            byte[] payload = new byte[] { 1, 2, 3, 4, 5 };
            int length = encoder.Encode(2, 9, payload, 0, payload.Length);
            byte[] damaged = new byte[length];
            System.Array.Copy(encoder.Output, damaged, length);
            damaged[length / 2] ^= 0x10;

            FrameDecoder decoder = new FrameDecoder(LinkProtocol.MaxPayload);
            Assert.AreEqual(0, Feed(decoder, damaged, length), "damaged frame accepted");
            Assert.IsTrue(decoder.Dropped >= 1, "drop not counted");

            Assert.AreEqual(1, Feed(decoder, encoder.Output, length), "good frame after a bad one");
            Assert.AreEqual(9, decoder.Seq, "seq of the good frame");
        }

        /// <summary>A payload longer than the encoder's limit is refused instead of truncated.</summary>
        [TestMethod]
        public void Oversized_payload_is_refused()
        {
            FrameEncoder encoder = new FrameEncoder(16);
            Assert.AreEqual(-1, encoder.Encode(1, 1, new byte[17], 0, 17), "17 bytes into a 16-byte encoder");
        }

        /// <summary>FloatBits gives the IEEE-754 single bits (the device has no SingleToInt32Bits).</summary>
        [TestMethod]
        public void Float_bits_match_ieee_754()
        {
            Assert.IsTrue(FloatBits.ToBits(1f) == 0x3F800000u, "1");
            Assert.IsTrue(FloatBits.ToBits(-2.5f) == 0xC0200000u, "-2.5");
            Assert.IsTrue(FloatBits.ToBits(0f) == 0u, "0");
            Assert.IsTrue(FloatBits.ToBits(0.1f) == 0x3DCCCCCDu, "0.1");
            Assert.IsTrue(FloatBits.ToBits(float.PositiveInfinity) == 0x7F800000u, "+inf");
            Assert.IsTrue(FloatBits.ToBits(float.Epsilon) == 1u, "smallest subnormal");
        }

        /// <summary>A PREDICTION with the class name's tail reads back with it; one without (an older board's) still reads.</summary>
        [TestMethod]
        public void Prediction_reads_with_and_without_the_class_name()
        {
            byte[] buffer = new byte[64];
            float[] scores = new float[] { 0.25f, 0.75f };
            PayloadWriter w = new PayloadWriter();
            w.Reset(buffer, 0, buffer.Length);
            Prediction.Write(w, 1, scores, 2, 42, new byte[] { (byte)'w', (byte)'a', (byte)'v', (byte)'e' });
            PayloadReader r = new PayloadReader();
            r.Reset(buffer, 0, w.Length);
            Prediction named = Prediction.Read(r);
            Assert.IsNotNull(named, "named reply");
            Assert.AreEqual("wave", named.ClassName, "name");
            Assert.AreEqual(1, named.Class, "class");
            Tolerance.AssertSameBits(0.75f, named.Scores[1], "score");

            w.Reset(buffer, 0, buffer.Length);
            Prediction.Write(w, 1, scores, 2, 42);
            r.Reset(buffer, 0, w.Length);
            Prediction plain = Prediction.Read(r);
            Assert.IsNotNull(plain, "reply without a name");
            Assert.IsNull(plain.ClassName, "no name");
            Assert.AreEqual(42, (int)plain.Microseconds, "microseconds");
        }

        /// <summary>Pushes <paramref name="count"/> bytes into the decoder; returns how many complete frames they made.</summary>
        private static int Feed(FrameDecoder decoder, byte[] bytes, int count)
        {
            int frames = 0;
            for (int i = 0; i < count; i++)
            {
                if (decoder.Push(bytes[i]))
                {
                    frames++;
                }
            }
            return frames;
        }
    }
}
