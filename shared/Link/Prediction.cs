namespace TinyNet.Link
{
    /// <summary>
    /// A PREDICTION reply: the winning class, every output score, how long the forward pass took and,
    /// when the model names its classes, the winning class's name (an optional tail: u8 length + ASCII,
    /// so a reply without it, as older boards send, reads as before).
    /// </summary>
    public sealed class Prediction
    {
        /// <summary>Index of the highest score.</summary>
        public int Class;
        /// <summary>The model's outputs (10 probabilities for MNIST).</summary>
        public float[] Scores = new float[0];
        /// <summary>Microseconds the board spent in the forward pass.</summary>
        public long Microseconds;
        /// <summary>The predicted class's name, or null when the model names no classes.</summary>
        public string ClassName;

        /// <summary>
        /// Writes a PREDICTION payload from the board's own buffers (allocates nothing). <paramref name="className"/>
        /// holds the predicted class's name as ASCII bytes (prepared when the model was loaded), or is null.
        /// </summary>
        public static void Write(PayloadWriter w, int predictedClass, float[] scores, int count, long microseconds, byte[] className)
        {
            w.U8(predictedClass);
            w.U8(count);
            for (int i = 0; i < count; i++)
            {
                w.F32(scores[i]);
            }
            w.U32(microseconds < 0 ? 0u : microseconds > 0xFFFFFFFFL ? 0xFFFFFFFFu : (uint)microseconds);
            // A reply with nearly every byte taken by scores goes without the name rather than not at all.
            if (className != null && w.Remaining >= 1 + className.Length)
            {
                w.U8(className.Length);
                w.Bytes(className, 0, className.Length);
            }
        }

        /// <summary>Writes a PREDICTION payload without a class name.</summary>
        public static void Write(PayloadWriter w, int predictedClass, float[] scores, int count, long microseconds)
        {
            Write(w, predictedClass, scores, count, microseconds, null);
        }

        /// <summary>Reads a PREDICTION payload, with or without the name tail; null when it is malformed.</summary>
        public static Prediction Read(PayloadReader r)
        {
            Prediction p = new Prediction();
            p.Class = r.U8();
            int n = r.U8();
            if (n > r.Remaining / 4)
            {
                return null;
            }
            p.Scores = new float[n];
            for (int i = 0; i < n; i++)
            {
                p.Scores[i] = r.F32();
            }
            p.Microseconds = r.U32();
            if (r.Ok && !r.AtEnd)
            {
                p.ClassName = ReadName(r);
                if (p.ClassName == null)
                {
                    return null;
                }
            }
            return r.AtEnd && (p.Class < n || n == 0) ? p : null;
        }

        // The name tail: 1 to 255 printable ASCII bytes (the model file allows 32; the link does not need to know);
        // null when it is anything else, so a control byte never reaches a terminal.
        private static string ReadName(PayloadReader r)
        {
            int length = r.U8();
            if (length < 1 || length > r.Remaining)
            {
                return null;
            }
            char[] chars = new char[length];
            for (int i = 0; i < length; i++)
            {
                int c = r.U8();
                if (c < 0x20 || c > 0x7E)
                {
                    return null;
                }
                chars[i] = (char)c;
            }
            return new string(chars);
        }
    }
}
