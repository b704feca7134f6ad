using TinyNet.Host.Board;
using TinyNet.Link;

namespace TinyNet.Host.Lessons;

/// <summary>Runs a lesson on the board and writes its rows as they stream in, exactly as the host run prints them.</summary>
public static class BoardLessonRunner
{
    public static void Run(BoardConnection board, string name, int steps, float learningRate, LessonWriter writer)
    {
        board.Call(() => { board.Client.StartLesson(name, steps, learningRate); return 0; });
        string title = "";
        while (true)
        {
            LessonEvent e = board.Call(() => board.Client.NextLessonEvent());
            if (e.Kind == MessageType.LessonTable)
            {
                title = e.Title;
                writer.BeginTable(e.Title, e.Columns, e.Decimals);
            }
            else if (e.Kind == MessageType.LessonRow)
            {
                writer.Row(e.Values);
                if (!LessonRunner.AllFinite(e.Values))
                {
                    // Every later row would be NaN as well: stop the board's lesson and say why.
                    board.Call(() => { board.Client.StopLesson(); return 0; });
                    writer.Finish();
                    throw LessonRunner.Diverged(title, learningRate);
                }
            }
            else break;
        }
        writer.Finish();
    }
}
