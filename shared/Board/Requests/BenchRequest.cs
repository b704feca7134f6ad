using TinyNet.Bench;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board.Requests
{
    /// <summary>
    /// BENCH: the board times itself with the shared <see cref="DeviceBenchmark"/> (the loaded model over
    /// the generated digits, the neuron lesson) and answers BENCH_REPORT with the figures and its free
    /// memory before and after. The benchmark's digits exist only while it runs.
    /// </summary>
    public sealed class BenchRequest
    {
        private readonly LoadedModel _loaded;
        private readonly IBoardClock _clock;

        /// <summary>Benchmarks <paramref name="loaded"/>'s predictor, timed by <paramref name="clock"/>.</summary>
        public BenchRequest(LoadedModel loaded, IBoardClock clock)
        {
            _loaded = loaded;
            _clock = clock;
        }

        /// <summary>Reads BENCH (empty), runs the benchmark and writes the reply; returns its type.</summary>
        public int Answer(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.Bench, r);
            }
            BenchFigures figures = new BenchFigures();
            figures.FreeMemoryBefore = _clock.FreeMemoryBytes();
            Measure(figures);
            figures.FreeMemoryAfter = _clock.FreeMemoryBytes(); // the benchmark's digits are garbage by now
            figures.Write(w);
            return MessageType.BenchReport;
        }

        private void Measure(BenchFigures figures)
        {
            DeviceBenchmark bench = new DeviceBenchmark(_clock);
            // Whatever predictor the board runs the loaded model with is what is timed.
            IPredictor predictor = _loaded.Predictor;
            if (predictor != null)
            {
                figures.ModelName = predictor.Model.Name;
                figures.Predictor = predictor.Streamed ? "streamed" : "in RAM";
                if (predictor.Model.Inputs == DeviceBenchmark.PixelsPerDigit)
                {
                    figures.Digits = DeviceBenchmark.DigitCount;
                    figures.MicrosecondsPerDigit = bench.MicrosecondsPerDigit(predictor);
                }
            }
            figures.LessonSteps = 2 * DeviceBenchmark.LessonSteps;
            figures.MicrosecondsPerLessonStep = bench.MicrosecondsPerLessonStep();
        }
    }
}
