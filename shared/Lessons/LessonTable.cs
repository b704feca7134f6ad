namespace TinyNet.Lessons
{
    /// <summary>
    /// One table a lesson prints: a title, its column names and how many decimals each column is
    /// shown with (0 for a counter such as the iteration). The rows themselves are plain floats,
    /// so the board can stream them and the host can print them the same way.
    /// </summary>
    public sealed class LessonTable
    {
        /// <summary>What the table shows, e.g. "Table 2: gradient descent on W".</summary>
        public readonly string Title;

        /// <summary>Column names, e.g. "Iter", "W", "Y", "L", "dL/dW".</summary>
        public readonly string[] Columns;

        /// <summary>Decimals per column when printed as a table (0 = whole number).</summary>
        public readonly int[] Decimals;

        /// <summary>Creates a table description; <paramref name="decimals"/> has one entry per column.</summary>
        public LessonTable(string title, string[] columns, int[] decimals)
        {
            if (columns.Length != decimals.Length)
            {
                throw new System.ArgumentException("one decimals entry per column");
            }
            Title = title;
            Columns = columns;
            Decimals = decimals;
        }

        /// <summary>A table whose first column is a whole-number counter and the rest share <paramref name="decimals"/>.</summary>
        public static LessonTable WithCounter(string title, string[] columns, int decimals)
        {
            int[] places = new int[columns.Length];
            for (int i = 1; i < places.Length; i++)
            {
                places[i] = decimals;
            }
            return new LessonTable(title, columns, places);
        }

        /// <summary>A table whose columns all share <paramref name="decimals"/>.</summary>
        public static LessonTable Uniform(string title, string[] columns, int decimals)
        {
            int[] places = new int[columns.Length];
            for (int i = 0; i < places.Length; i++)
            {
                places[i] = decimals;
            }
            return new LessonTable(title, columns, places);
        }
    }
}
