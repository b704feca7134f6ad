namespace TinyNet.Link
{
    /// <summary>An EPOCH_RESULT reply: one pass over the samples the board keeps.</summary>
    public sealed class EpochResult
    {
        /// <summary>Samples trained on (one step each).</summary>
        public int Samples;
        /// <summary>Mean loss over the pass, each sample's loss taken before its step.</summary>
        public float MeanLoss;
        /// <summary>Samples predicted right before their step.</summary>
        public int Correct;
        /// <summary>Microseconds the pass took on the board.</summary>
        public long Microseconds;

        /// <summary>Correct / Samples (0 for an empty pass).</summary>
        public float Accuracy { get { return Samples > 0 ? (float)Correct / Samples : 0f; } }

        /// <summary>Writes an EPOCH_RESULT payload.</summary>
        public static void Write(PayloadWriter w, int samples, float meanLoss, int correct, long microseconds)
        {
            w.I32(samples);
            w.F32(meanLoss);
            w.I32(correct);
            w.U32(microseconds < 0 ? 0u : microseconds > 0xFFFFFFFFL ? 0xFFFFFFFFu : (uint)microseconds);
        }

        /// <summary>Reads an EPOCH_RESULT payload; null when it is malformed.</summary>
        public static EpochResult Read(PayloadReader r)
        {
            EpochResult e = new EpochResult();
            e.Samples = r.I32();
            e.MeanLoss = r.F32();
            e.Correct = r.I32();
            e.Microseconds = r.U32();
            return r.AtEnd && e.Samples >= 0 && e.Correct >= 0 && e.Correct <= e.Samples ? e : null;
        }
    }
}
