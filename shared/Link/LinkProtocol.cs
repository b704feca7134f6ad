namespace TinyNet.Link
{
    /// <summary>
    /// The link protocol's fixed numbers, shared by the board and the host so both size their
    /// buffers the same way.
    /// </summary>
    /// <remarks>
    /// A frame on the wire is COBS-encoded and ends with a 0x00 byte (the encoder also sends one
    /// before it, so a receiver that caught garbage resynchronises at once). Decoded, a frame is
    /// [type u8][seq u8][payload 0..MaxPayload][CRC-32 little-endian u32 over type, seq and payload].
    /// All numbers in payloads are little-endian; texts are a u16 byte count then UTF-8.
    /// </remarks>
    public static class LinkProtocol
    {
        /// <summary>The protocol version this code speaks (sent in HELLO and INFO).</summary>
        public const int Version = 1;

        /// <summary>Largest payload a frame may carry, in bytes.</summary>
        public const int MaxPayload = 1024;

        /// <summary>Most float32 values one PREDICT_VALUES carries: a payload's worth.</summary>
        public const int MaxValues = MaxPayload / 4;

        /// <summary>Bytes a decoded frame adds around its payload: type, seq and the CRC.</summary>
        public const int FrameOverhead = 6;

        /// <summary>
        /// Bytes an encoded frame may take for a payload of <paramref name="payloadLength"/> bytes:
        /// COBS adds one byte per 254 (rounded up) plus one, and two delimiters surround it.
        /// </summary>
        public static int MaxEncodedLength(int payloadLength)
        {
            int raw = payloadLength + FrameOverhead;
            return raw + raw / 254 + 1 + 2;
        }
    }
}
