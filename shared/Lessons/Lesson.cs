using TinyNet.Numerics;

namespace TinyNet.Lessons
{
    /// <summary>
    /// A lecture example that trains step by step and reports every step as a table row, the way
    /// the lecture prints it. The same code runs on the board (which streams the rows over the
    /// link) and on the host (which prints them), so both show the same numbers.
    /// </summary>
    /// <remarks>
    /// Use: <see cref="Start"/> once, then call <see cref="Next"/> until it returns -1. Each call
    /// fills one row of the table it returns the index of; tables come in order. Start allocates
    /// the lesson's networks; Next allocates nothing.
    /// </remarks>
    public abstract class Lesson
    {
        private int _table;
        private int _row;
        private bool _tableBegun;
        private bool _started;

        /// <summary>The name used on the command line and over the link, e.g. "neuron".</summary>
        public abstract string Name { get; }

        /// <summary>One line saying what the lesson shows and which lecture it comes from.</summary>
        public abstract string Summary { get; }

        /// <summary>Training steps (or epochs) the lecture runs.</summary>
        public abstract int DefaultSteps { get; }

        /// <summary>The lecture's learning rate α.</summary>
        public abstract float DefaultLearningRate { get; }

        /// <summary>How many tables the lesson prints.</summary>
        public abstract int TableCount { get; }

        /// <summary>The description of table <paramref name="index"/>.</summary>
        public abstract LessonTable Table(int index);

        /// <summary>The widest table's column count: the size of the row buffer <see cref="Next"/> needs.</summary>
        public int MaxColumns
        {
            get
            {
                int widest = 0;
                for (int i = 0; i < TableCount; i++)
                {
                    int n = Table(i).Columns.Length;
                    if (n > widest)
                    {
                        widest = n;
                    }
                }
                return widest;
            }
        }

        /// <summary>Training steps of this run (set by <see cref="Start"/>).</summary>
        protected int Steps;

        /// <summary>Learning rate of this run (set by <see cref="Start"/>).</summary>
        protected float LearningRate;

        /// <summary>
        /// Resets the lesson to the lecture's starting point. <paramref name="steps"/> ≤ 0 or
        /// <paramref name="learningRate"/> ≤ 0 (or not finite) mean "the lecture's own".
        /// </summary>
        public void Start(int steps, float learningRate)
        {
            Steps = steps > 0 ? steps : DefaultSteps;
            LearningRate = learningRate > 0f && MathSeam.IsFinite(learningRate) ? learningRate : DefaultLearningRate;
            _table = 0;
            _row = 0;
            _tableBegun = false;
            _started = true;
            Prepare();
        }

        /// <summary>
        /// Fills <paramref name="row"/> (at least <see cref="MaxColumns"/> long) with the next row and
        /// returns the index of the table it belongs to, or -1 when the lesson is over.
        /// </summary>
        public int Next(float[] row)
        {
            if (!_started)
            {
                throw new System.InvalidOperationException("call Start before Next");
            }
            while (_table < TableCount)
            {
                if (!_tableBegun)
                {
                    BeginTable(_table);
                    _tableBegun = true;
                }
                if (FillRow(_table, _row, row))
                {
                    _row++;
                    return _table;
                }
                _table++;
                _row = 0;
                _tableBegun = false;
            }
            _started = false;
            return -1;
        }

        /// <summary>Builds the lesson's networks for a new run (Steps and LearningRate are set).</summary>
        protected abstract void Prepare();

        /// <summary>Sets up the state table <paramref name="table"/> starts from.</summary>
        protected abstract void BeginTable(int table);

        /// <summary>
        /// Fills row number <paramref name="row"/> of <paramref name="table"/> (and trains on to the
        /// next row's state), or returns false when that table has no more rows.
        /// </summary>
        protected abstract bool FillRow(int table, int row, float[] values);

        /// <summary>
        /// True for the rows a long run reports: the first, every <paramref name="every"/>-th and the last,
        /// so a 1000-epoch run prints a readable table while a 20-step run prints every step.
        /// </summary>
        protected static bool IsReported(int step, int lastStep, int every)
        {
            if (step == 0 || step == lastStep)
            {
                return true;
            }
            return every > 0 && step % every == 0;
        }
    }
}
