using TinyNet.Lessons;
using TinyNet.Link;

namespace TinyNet.Tests.Link;

public class LessonStreamTests
{
    /// <summary>The lesson as the host runs it locally: (table, values) per row, and the table headers.</summary>
    private static (List<(int, float[])> Rows, List<LessonTable> Tables) RunLocally(string name)
    {
        Lesson lesson = LessonCatalog.Create(name);
        lesson.Start(0, 0f);
        var rows = new List<(int, float[])>();
        var row = new float[lesson.MaxColumns];
        int table;
        while ((table = lesson.Next(row)) >= 0)
        {
            rows.Add((table, row.Take(lesson.Table(table).Columns.Length).ToArray()));
        }
        var tables = Enumerable.Range(0, lesson.TableCount).Select(lesson.Table).ToList();
        return (rows, tables);
    }

    private static void StreamMatchesLocalRun(LinkRig rig, string name)
    {
        var (expectedRows, tables) = RunLocally(name);
        rig.Client.StartLesson(name, 0, 0f);
        var rows = new List<(int, float[])>();
        int announced = -1;
        while (true)
        {
            LessonEvent e = rig.Client.NextLessonEvent();
            if (e.Kind == MessageType.LessonEnd)
            {
                break;
            }
            if (e.Kind == MessageType.LessonTable)
            {
                Assert.True(e.Table > announced);
                announced = e.Table;
                Assert.Equal(tables[e.Table].Title, e.Title);
                Assert.Equal(tables[e.Table].Columns, e.Columns);
                Assert.Equal(tables[e.Table].Decimals, e.Decimals);
                continue;
            }
            Assert.Equal(announced, e.Table); // every row comes after its table's header
            rows.Add((e.Table, e.Values));
        }
        Assert.Equal(expectedRows.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(expectedRows[i].Item1, rows[i].Item1);
            Assert.Equal(expectedRows[i].Item2, rows[i].Item2); // same code, same platform: bit for bit
        }
        // The lesson is over: another NEXT is refused.
        var ex = Assert.Throws<LinkException>(() => rig.Client.NextLessonEvent());
        Assert.Equal(ErrorCode.NoLesson, ex.Code);
    }

    [Fact]
    public void EveryLessonStreamsTheRowsTheHostComputes()
    {
        using var rig = new LinkRig();
        foreach (string name in LessonCatalog.Names())
        {
            StreamMatchesLocalRun(rig, name);
        }
    }

    [Fact]
    public void ALessonStreamsCompleteOverAFaultyLine()
    {
        using var rig = new LinkRig(seed: 11);
        rig.HostEnd.FaultRate = 0.01 / 3;
        rig.BoardEnd.FaultRate = 0.01 / 3;
        rig.Client.MaxAttempts = 40;
        StreamMatchesLocalRun(rig, "gender");
        Assert.True(rig.Client.Retries > 0);
        Assert.True(rig.Session.Repeats > 0); // lost replies were re-sent from the cache, rows not skipped
    }

    [Fact]
    public void StopEndsALessonAndAStartRestartsIt()
    {
        using var rig = new LinkRig();
        rig.Client.StartLesson("neuron", 3, 0.1f);
        Assert.Equal(MessageType.LessonTable, rig.Client.NextLessonEvent().Kind);
        rig.Client.StopLesson();
        Assert.Equal(ErrorCode.NoLesson, Assert.Throws<LinkException>(() => rig.Client.NextLessonEvent()).Code);
        rig.Client.StopLesson(); // stopping twice is fine
        rig.Client.StartLesson("neuron", 3, 0.1f);
        Assert.Equal(MessageType.LessonTable, rig.Client.NextLessonEvent().Kind);
    }
}
