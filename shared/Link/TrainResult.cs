namespace TinyNet.Link
{
    /// <summary>A TRAIN_RESULT reply: one fine-tuning step's loss and prediction, and the running counts.</summary>
    public sealed class TrainResult
    {
        /// <summary>Softmax cross-entropy of the sample before the step.</summary>
        public float Loss;
        /// <summary>The class predicted before the step.</summary>
        public int Predicted;
        /// <summary>Steps since the adaptation started.</summary>
        public int Seen;
        /// <summary>Of <see cref="Seen"/>, those predicted right before their step.</summary>
        public int Correct;
        /// <summary>Samples the board keeps for TRAIN_EPOCH.</summary>
        public int Kept;

        /// <summary>Correct / Seen (0 before any step): the running accuracy.</summary>
        public float RunningAccuracy { get { return Seen > 0 ? (float)Correct / Seen : 0f; } }

        /// <summary>Writes a TRAIN_RESULT payload.</summary>
        public static void Write(PayloadWriter w, float loss, int predicted, int seen, int correct, int kept)
        {
            w.F32(loss);
            w.U8(predicted);
            w.I32(seen);
            w.I32(correct);
            w.I32(kept);
        }

        /// <summary>Reads a TRAIN_RESULT payload; null when it is malformed.</summary>
        public static TrainResult Read(PayloadReader r)
        {
            TrainResult t = new TrainResult();
            t.Loss = r.F32();
            t.Predicted = r.U8();
            t.Seen = r.I32();
            t.Correct = r.I32();
            t.Kept = r.I32();
            return r.AtEnd && t.Seen >= 0 && t.Correct >= 0 && t.Correct <= t.Seen && t.Kept >= 0 ? t : null;
        }
    }
}
