using TinyNet.Host.Lessons;
using TinyNet.Lessons;
using TinyNet.Tests.Vectors;

namespace TinyNet.Tests.Lessons;

/// <summary>Every number the lectures print, reproduced by the lessons running on the shared engine.</summary>
public class LectureVectorTests
{
    private static readonly Dictionary<string, List<List<float[]>>> Runs = new();

    private static List<List<float[]>> RunOf(string lesson)
    {
        lock (Runs)
        {
            if (!Runs.TryGetValue(lesson, out var tables))
            {
                tables = LessonRunner.Collect(LessonCatalog.Create(lesson)!);
                Runs[lesson] = tables;
            }
            return tables;
        }
    }

    public static TheoryData<int> VectorIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < LectureVectors.All().Length; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(VectorIndices))]
    public void Lesson_reproduces_the_lecture_value(int index)
    {
        LectureVector vector = LectureVectors.All()[index];
        Lesson lesson = LessonCatalog.Create(vector.Lesson)!;
        int column = Array.IndexOf(lesson.Table(vector.Table).Columns, vector.Column);
        Assert.True(column >= 0, $"{vector.Lesson} table {vector.Table} has no column {vector.Column}");
        float actual = RunOf(vector.Lesson)[vector.Table][vector.Row][column];

        string where = $"{vector.Lesson} table {vector.Table} row {vector.Row} {vector.Column}";
        Assert.True(Math.Abs(actual - vector.Exact) <= vector.Tolerance,
            $"{where}: engine {actual:R}, expected {vector.Exact} ± {vector.Tolerance}");
        if (vector.IsLectureSlip)
        {
            // The lecture is wrong at its own digits, and the note says why: keep it that way.
            Assert.True(Math.Abs(actual - vector.Printed) > vector.Tolerance,
                $"{where}: the lecture's {vector.Printed} was recorded as a slip but the engine agrees with it");
            Assert.False(string.IsNullOrEmpty(vector.Note));
        }
    }

    [Fact]
    public void Table_2_has_the_lectures_20_rows_and_nothing_else()
    {
        var table = RunOf("neuron")[0];
        Assert.Equal(20, table.Count);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => (float)i), table.Select(r => r[0]));
        Assert.Equal(20, LectureVectors.All().Count(v => v.Lesson == "neuron" && v.Table == 0 && v.Column == "W"));
    }

    [Fact]
    public void Chain_trains_on_until_the_loss_is_negligible()
    {
        var rows = RunOf("chain")[0];
        int loss = Array.IndexOf(LessonCatalog.Create("chain")!.Table(0).Columns, "L");
        Assert.True(rows[^1][loss] < ChainLesson.NegligibleLoss, $"last loss {rows[^1][loss]}");
        Assert.True(rows.Count < 100, $"took {rows.Count} rows");
        for (int i = 1; i < rows.Count; i++) Assert.True(rows[i][loss] < rows[i - 1][loss], $"loss rose at row {i}");
    }

    [Fact]
    public void Gender_engine_gradient_equals_the_lectures_chain_of_factors()
    {
        float[] row = RunOf("gender")[1][0];
        var columns = LessonCatalog.Create("gender")!.Table(1).Columns;
        float Col(string name) => row[Array.IndexOf(columns, name)];
        float byHand = Col("dL/dypred") * Col("dypred/dh1") * Col("dh1/dw1");
        Assert.Equal(byHand, Col("dL/dw1"), 6);
        Assert.Equal(Col("dL/dypred") * Col("dypred/dh1") * Col("dh1/db1"), Col("dL/db1"), 6);
    }

    [Fact]
    public void Gender_network_learns_and_tells_Emily_from_Frank()
    {
        var run = RunOf("gender");
        var training = run[2];
        Assert.Equal(0f, training[0][0]);
        Assert.Equal(1000f, training[^1][0]);
        Assert.True(training[^1][1] < training[0][1] / 10, $"loss {training[0][1]} → {training[^1][1]}");
        var predictions = run[3];
        Assert.Equal(6, predictions.Count);
        float[] expectedFemale = [1, 0, 0, 1, 1, 0];
        for (int i = 0; i < 6; i++)
            Assert.True(Math.Abs(predictions[i][2] - expectedFemale[i]) < 0.5f, $"person {i}: {predictions[i][2]}");
    }

    [Fact]
    public void Quadratic_two_linear_neurons_stall_at_the_best_line_and_tanh_fits()
    {
        var run = RunOf("quadratic");
        float linearLoss = run[0][^1][5];
        float tanhLoss = run[1][^1][1];
        Assert.True(Math.Abs(linearLoss - QuadraticLesson.BestLinearLoss) < 1e-3f, $"linear loss {linearLoss}");
        Assert.True(tanhLoss < 1e-3f, $"tanh loss {tanhLoss}");
        foreach (var fit in run[2]) Assert.True(Math.Abs(fit[3] - fit[1]) < 0.05f, $"tanh misses x = {fit[0]}: {fit[3]}");
    }

    [Theory]
    [InlineData("neuron")]
    [InlineData("chain")]
    [InlineData("sigmoid")]
    [InlineData("gender")]
    [InlineData("quadratic")]
    public void A_lesson_gives_the_same_rows_every_run_and_allocates_nothing_per_row(string name)
    {
        Lesson lesson = LessonCatalog.Create(name)!;
        var first = LessonRunner.Collect(lesson);
        var second = LessonRunner.Collect(lesson);
        Assert.Equal(first.SelectMany(t => t.SelectMany(r => r)), second.SelectMany(t => t.SelectMany(r => r)));

        var row = new float[lesson.MaxColumns];
        lesson.Start(0, 0f);
        lesson.Next(row);
        long before = GC.GetAllocatedBytesForCurrentThread();
        while (lesson.Next(row) >= 0) { }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Steps_and_learning_rate_change_the_run()
    {
        var shortRun = LessonRunner.Collect(LessonCatalog.Create("neuron")!, steps: 5, learningRate: 0.02f);
        Assert.Equal(5, shortRun[0].Count);
        // W₁ = 0.5 − 0.02 · (−48) = 1.46
        Assert.Equal(1.46f, shortRun[0][1][1], 5);
    }
}
