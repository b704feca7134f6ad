using TinyNet.Lessons;
using TinyNet.Link;

namespace TinyNet.Board.Requests
{
    /// <summary>
    /// LESSON_START, LESSON_NEXT and LESSON_STOP: runs one lecture example on the board and hands it out
    /// one event per request, each table's header (LESSON_TABLE) before its first row (LESSON_ROW), then
    /// LESSON_END. The lesson's networks exist only while it runs.
    /// </summary>
    public sealed class LessonStream
    {
        private Lesson _lesson;
        private float[] _row;
        private int _announced;
        private int _pendingTable;

        /// <summary>Lets the running lesson go (after LESSON_STOP, its end, or when memory ran out).</summary>
        public void Drop()
        {
            _lesson = null;
            _row = null;
        }

        /// <summary>Reads LESSON_START (name, steps, learning rate), starts that lesson and writes the reply; returns its type.</summary>
        public int Start(PayloadReader r, PayloadWriter w)
        {
            string name = r.Text();
            int steps = r.I32();
            float rate = r.F32();
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.LessonStart, r);
            }
            Drop(); // let the previous lesson's networks go before building the next
            Lesson lesson = LessonCatalog.Create(name);
            if (lesson == null)
            {
                string[] names = LessonCatalog.Names();
                string known = "";
                for (int i = 0; i < names.Length; i++)
                {
                    known = i == 0 ? names[i] : known + ", " + names[i];
                }
                return Replies.Error(w, ErrorCode.UnknownLesson, "no lesson named '" + name + "'; the board knows " + known);
            }
            lesson.Start(steps, rate);
            _row = new float[lesson.MaxColumns];
            _lesson = lesson;
            _announced = -1;
            _pendingTable = -1;
            return MessageType.Ack;
        }

        /// <summary>Reads LESSON_NEXT (empty) and writes the lesson's next event; returns its type.</summary>
        public int Next(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.LessonNext, r);
            }
            if (_lesson == null)
            {
                return Replies.Error(w, ErrorCode.NoLesson, "LESSON_NEXT while no lesson runs: send LESSON_START first");
            }
            int table = _pendingTable;
            if (table >= 0)
            {
                // The row computed last time waited behind its table's header.
                _pendingTable = -1;
            }
            else
            {
                table = _lesson.Next(_row);
                if (table < 0)
                {
                    Drop();
                    return MessageType.LessonEnd;
                }
                if (table != _announced)
                {
                    _announced = table;
                    _pendingTable = table;
                    LessonEvent.WriteTable(w, table, _lesson.Table(table));
                    return MessageType.LessonTable;
                }
            }
            LessonEvent.WriteRow(w, table, _row, _lesson.Table(table).Columns.Length);
            return MessageType.LessonRow;
        }

        /// <summary>Reads LESSON_STOP (empty), stops the lesson and writes the reply; returns its type.</summary>
        public int Stop(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.LessonStop, r);
            }
            Drop();
            return MessageType.Ack;
        }
    }
}
