namespace TinyNet.Link
{
    /// <summary>
    /// UTF-8 for link texts (lesson titles hold "·", "Ŷ", "²"), written by hand so it allocates nothing
    /// when encoding and never throws on hostile bytes when decoding: an invalid sequence becomes '?'.
    /// Control characters other than tab and newline also become '?', so a text cannot drive a terminal.
    /// </summary>
    public static class Utf8Text
    {
        /// <summary>
        /// Encodes as much of <paramref name="text"/> as fits in <paramref name="maxBytes"/> bytes of
        /// <paramref name="buffer"/> from <paramref name="offset"/>, never splitting a character. Returns the bytes written.
        /// </summary>
        public static int Encode(string text, byte[] buffer, int offset, int maxBytes)
        {
            if (text == null)
            {
                return 0;
            }
            int o = offset;
            int end = offset + maxBytes;
            int length = text.Length;
            for (int i = 0; i < length; i++)
            {
                int c = text[i];
                if (c >= 0xD800 && c <= 0xDBFF && i + 1 < length && text[i + 1] >= 0xDC00 && text[i + 1] <= 0xDFFF)
                {
                    if (end - o < 4)
                    {
                        break;
                    }
                    int cp = 0x10000 + ((c - 0xD800) << 10) + (text[i + 1] - 0xDC00);
                    i++;
                    buffer[o++] = (byte)(0xF0 | (cp >> 18));
                    buffer[o++] = (byte)(0x80 | ((cp >> 12) & 0x3F));
                    buffer[o++] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                    buffer[o++] = (byte)(0x80 | (cp & 0x3F));
                    continue;
                }
                if (c >= 0xD800 && c <= 0xDFFF)
                {
                    c = '?'; // a lone surrogate has no UTF-8 form
                }
                if (c < 0x80)
                {
                    if (end - o < 1)
                    {
                        break;
                    }
                    buffer[o++] = (byte)c;
                }
                else if (c < 0x800)
                {
                    if (end - o < 2)
                    {
                        break;
                    }
                    buffer[o++] = (byte)(0xC0 | (c >> 6));
                    buffer[o++] = (byte)(0x80 | (c & 0x3F));
                }
                else
                {
                    if (end - o < 3)
                    {
                        break;
                    }
                    buffer[o++] = (byte)(0xE0 | (c >> 12));
                    buffer[o++] = (byte)(0x80 | ((c >> 6) & 0x3F));
                    buffer[o++] = (byte)(0x80 | (c & 0x3F));
                }
            }
            return o - offset;
        }

        /// <summary>Decodes <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static string Decode(byte[] data, int offset, int count)
        {
            char[] chars = new char[count]; // UTF-8 never needs more UTF-16 units than bytes
            int n = 0;
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = data[i];
                int need;
                int cp;
                int min;
                if (b < 0x80)
                {
                    chars[n++] = (b < 0x20 && b != '\t' && b != '\n') || b == 0x7F ? '?' : (char)b;
                    i++;
                    continue;
                }
                if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1F; min = 0x80; }
                else if (b >= 0xE0 && b <= 0xEF) { need = 2; cp = b & 0x0F; min = 0x800; }
                else if (b >= 0xF0 && b <= 0xF4) { need = 3; cp = b & 0x07; min = 0x10000; }
                else
                {
                    chars[n++] = '?';
                    i++;
                    continue;
                }
                int k = 1;
                while (k <= need && i + k < end && (data[i + k] & 0xC0) == 0x80)
                {
                    cp = (cp << 6) | (data[i + k] & 0x3F);
                    k++;
                }
                if (k <= need || cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                {
                    chars[n++] = '?';
                    i++; // resynchronise on the next byte
                    continue;
                }
                i += k;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    chars[n++] = (cp >= 0x80 && cp < 0xA0) ? '?' : (char)cp;
                }
            }
            return new string(chars, 0, n);
        }
    }
}
