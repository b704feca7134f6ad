namespace TinyNet.Link
{
    /// <summary>A BENCH_REPORT: the board's own timings of its model and of the neuron lesson, and its free memory.</summary>
    public sealed class BenchFigures
    {
        /// <summary>The loaded model's name; empty when none is loaded.</summary>
        public string ModelName = "";

        /// <summary>How the predictor holds the weights, e.g. "in RAM".</summary>
        public string Predictor = "";

        /// <summary>Digits timed per run; 0 when no model taking 784 inputs is loaded.</summary>
        public int Digits;

        /// <summary>Microseconds per digit for the loaded model (fastest run).</summary>
        public float MicrosecondsPerDigit;

        /// <summary>Neuron-lesson steps timed per run.</summary>
        public int LessonSteps;

        /// <summary>Microseconds per neuron-lesson step (fastest run).</summary>
        public float MicrosecondsPerLessonStep;

        /// <summary>Free managed memory before the benchmark, in bytes.</summary>
        public long FreeMemoryBefore;

        /// <summary>Free managed memory after the benchmark, in bytes.</summary>
        public long FreeMemoryAfter;

        /// <summary>Writes a BENCH_REPORT payload.</summary>
        public void Write(PayloadWriter w)
        {
            w.Text(ModelName, 64);
            w.Text(Predictor, 32);
            w.U16(Digits);
            w.F32(MicrosecondsPerDigit);
            w.U16(LessonSteps);
            w.F32(MicrosecondsPerLessonStep);
            w.U32(Clamp(FreeMemoryBefore));
            w.U32(Clamp(FreeMemoryAfter));
        }

        /// <summary>Reads a BENCH_REPORT payload; null when it does not have the layout.</summary>
        public static BenchFigures Read(PayloadReader r)
        {
            BenchFigures f = new BenchFigures();
            f.ModelName = r.Text();
            f.Predictor = r.Text();
            f.Digits = r.U16();
            f.MicrosecondsPerDigit = r.F32();
            f.LessonSteps = r.U16();
            f.MicrosecondsPerLessonStep = r.F32();
            f.FreeMemoryBefore = r.U32();
            f.FreeMemoryAfter = r.U32();
            return r.AtEnd ? f : null;
        }

        private static uint Clamp(long bytes)
        {
            return bytes < 0 ? 0u : bytes > 0xFFFFFFFFL ? 0xFFFFFFFFu : (uint)bytes;
        }
    }
}
