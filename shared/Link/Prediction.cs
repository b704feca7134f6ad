namespace TinyNet.Link
{
    /// <summary>A PREDICTION reply: the winning class, every output score and how long the forward pass took.</summary>
    public sealed class Prediction
    {
        /// <summary>Index of the highest score.</summary>
        public int Class;
        /// <summary>The model's outputs (10 probabilities for MNIST).</summary>
        public float[] Scores = new float[0];
        /// <summary>Microseconds the board spent in the forward pass.</summary>
        public long Microseconds;

        /// <summary>Writes a PREDICTION payload from the board's own buffers (allocates nothing).</summary>
        public static void Write(PayloadWriter w, int predictedClass, float[] scores, int count, long microseconds)
        {
            w.U8(predictedClass);
            w.U8(count);
            for (int i = 0; i < count; i++)
            {
                w.F32(scores[i]);
            }
            w.U32(microseconds < 0 ? 0u : microseconds > 0xFFFFFFFFL ? 0xFFFFFFFFu : (uint)microseconds);
        }

        /// <summary>Reads a PREDICTION payload; null when it is malformed.</summary>
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
            return r.AtEnd && (p.Class < n || n == 0) ? p : null;
        }
    }
}
