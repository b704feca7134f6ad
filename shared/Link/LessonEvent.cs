using TinyNet.Lessons;

namespace TinyNet.Link
{
    /// <summary>
    /// One step of a lesson streamed from the board: a table header, a row of values, or the end.
    /// The board writes them from the lesson's own objects; the host reads them into this class.
    /// </summary>
    public sealed class LessonEvent
    {
        /// <summary><see cref="MessageType.LessonTable"/>, <see cref="MessageType.LessonRow"/> or <see cref="MessageType.LessonEnd"/>.</summary>
        public int Kind;
        /// <summary>Index of the table (header or row); 0 for the end.</summary>
        public int Table;
        /// <summary>The table's title (header only).</summary>
        public string Title = "";
        /// <summary>The table's column names (header only).</summary>
        public string[] Columns = new string[0];

        /// <summary>Decimals each column is printed with (header only), so the host prints the board's table as it prints its own.</summary>
        public int[] Decimals = new int[0];
        /// <summary>The row's values (row only).</summary>
        public float[] Values = new float[0];

        /// <summary>Writes a LESSON_TABLE payload.</summary>
        public static void WriteTable(PayloadWriter w, int index, LessonTable table)
        {
            w.U8(index);
            w.Text(table.Title, 200);
            int n = table.Columns.Length;
            w.U8(n);
            for (int i = 0; i < n; i++)
            {
                w.Text(table.Columns[i], 40);
                w.U8(table.Decimals[i]);
            }
        }

        /// <summary>Writes a LESSON_ROW payload of <paramref name="count"/> values.</summary>
        public static void WriteRow(PayloadWriter w, int index, float[] values, int count)
        {
            w.U8(index);
            w.U8(count);
            for (int i = 0; i < count; i++)
            {
                w.F32(values[i]);
            }
        }

        /// <summary>Reads a LESSON_TABLE, LESSON_ROW or LESSON_END payload of type <paramref name="kind"/>; null when malformed.</summary>
        public static LessonEvent Read(int kind, PayloadReader r)
        {
            LessonEvent e = new LessonEvent();
            e.Kind = kind;
            if (kind == MessageType.LessonTable)
            {
                e.Table = r.U8();
                e.Title = r.Text();
                int n = r.U8();
                if (n > r.Remaining / 2)
                {
                    return null;
                }
                e.Columns = new string[n];
                e.Decimals = new int[n];
                for (int i = 0; i < n; i++)
                {
                    e.Columns[i] = r.Text();
                    e.Decimals[i] = r.U8();
                }
            }
            else if (kind == MessageType.LessonRow)
            {
                e.Table = r.U8();
                int n = r.U8();
                if (n > r.Remaining / 4)
                {
                    return null;
                }
                e.Values = new float[n];
                for (int i = 0; i < n; i++)
                {
                    e.Values[i] = r.F32();
                }
            }
            else if (kind != MessageType.LessonEnd)
            {
                return null;
            }
            return r.AtEnd ? e : null;
        }
    }
}
