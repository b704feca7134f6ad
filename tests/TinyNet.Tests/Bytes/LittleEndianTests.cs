using TinyNet.Bytes;

namespace TinyNet.Tests.Bytes;

/// <summary>The one little-endian helper (model files, link payloads) against .NET's own conversions.</summary>
public class LittleEndianTests
{
    [Fact]
    public void Integers_are_written_low_byte_first_and_read_back()
    {
        var data = new byte[8];
        Assert.Equal(3, LittleEndian.PutU16(data, 1, 0xBEEF));
        Assert.Equal(new byte[] { 0, 0xEF, 0xBE, 0, 0, 0, 0, 0 }, data);
        Assert.Equal(0xBEEF, LittleEndian.U16(data, 1));
        Assert.Equal(0x1234, LittleEndian.U16([0x34, 0x12], 0));
        LittleEndian.PutU16(data, 0, 0x1ABCD); // only the low 16 bits are written
        Assert.Equal(0xABCD, LittleEndian.U16(data, 0));

        Assert.Equal(7, LittleEndian.PutU32(data, 3, 0xDEADBEEFu));
        Assert.Equal(new byte[] { 0xEF, 0xBE, 0xAD, 0xDE }, data[3..7]);
        Assert.Equal(0xDEADBEEFu, LittleEndian.U32(data, 3));
        Assert.Equal(BitConverter.ToUInt32(data, 3), LittleEndian.U32(data, 3)); // this machine is little-endian
    }

    public static TheoryData<float> Floats() => new()
    {
        0f, -0f, 1f, -2.5f, 0.1f, float.Epsilon, -float.Epsilon, 1.1754942E-38f, 1.17549435E-38f,
        float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, 3.14159274f, -123456.78f,
    };

    [Theory]
    [MemberData(nameof(Floats))]
    public void Floats_are_their_ieee_bits_little_endian(float value)
    {
        var data = new byte[6];
        Assert.Equal(5, LittleEndian.PutF32(data, 1, value));
        Assert.Equal(BitConverter.GetBytes(value), data[1..5]);
        Assert.Equal(BitConverter.SingleToUInt32Bits(value), BitConverter.SingleToUInt32Bits(LittleEndian.F32(data, 1)));
    }

    [Fact]
    public void FromBits_inverts_ToBits_for_every_kind_of_float()
    {
        // FromBits is the path for a big-endian machine; check it here against .NET's conversion.
        var rng = new Random(12);
        var bits = new List<uint> { 0, 0x80000000, 1, 0x807FFFFF, 0x00800000, 0x7F7FFFFF, 0x7F800000, 0xFF800000, 0x3F800000 };
        for (int i = 0; i < 20000; i++) bits.Add((uint)rng.NextInt64(0, 1L << 32));
        foreach (uint b in bits)
        {
            float expected = BitConverter.UInt32BitsToSingle(b);
            float actual = FloatBits.FromBits(b);
            if (float.IsNaN(expected))
                Assert.True(float.IsNaN(actual), $"0x{b:X8} should be NaN");
            else
                Assert.True(BitConverter.SingleToUInt32Bits(actual) == b, $"0x{b:X8} came back as 0x{BitConverter.SingleToUInt32Bits(actual):X8}");
            if (!float.IsNaN(expected))
                Assert.Equal(b, FloatBits.ToBits(actual));
        }
    }
}
