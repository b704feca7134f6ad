using nanoFramework.TestFramework;
using TinyNet.Lessons;
using TinyNet.Tests.Vectors;

namespace TinyNet.Device.Tests
{
    /// <summary>
    /// Every number the lectures print (tests/Vectors/LectureVectors.cs, the same file the host tests
    /// use), reproduced by the lessons running on the device's engine.
    /// </summary>
    /// <remarks>
    /// The tolerance is the vectors' own: half a unit in the lecture's last printed digit. On a stock
    /// ESP32 Math.Exp/Tanh run in single precision, so this is where host and board could part.
    /// </remarks>
    [TestClass]
    public class LectureVectorTests
    {
        /// <summary>The "neuron" lesson (lecture 1) matches its vectors.</summary>
        [TestMethod]
        public void Neuron_lesson_matches_the_lecture()
        {
            CheckLesson("neuron");
        }

        /// <summary>The "chain" lesson matches its vectors.</summary>
        [TestMethod]
        public void Chain_lesson_matches_the_lecture()
        {
            CheckLesson("chain");
        }

        /// <summary>The "sigmoid" lesson matches its vectors.</summary>
        [TestMethod]
        public void Sigmoid_lesson_matches_the_lecture()
        {
            CheckLesson("sigmoid");
        }

        /// <summary>The "gender" lesson matches its vectors.</summary>
        [TestMethod]
        public void Gender_lesson_matches_the_lecture()
        {
            CheckLesson("gender");
        }

        /// <summary>The "quadratic" lesson matches its vectors.</summary>
        [TestMethod]
        public void Quadratic_lesson_matches_the_lecture()
        {
            CheckLesson("quadratic");
        }

        /// <summary>Every lesson the vectors name is in the catalog, so no vector goes unchecked.</summary>
        [TestMethod]
        public void Every_vector_names_a_lesson_in_the_catalog()
        {
            LectureVector[] vectors = LectureVectors.All();
            Assert.IsTrue(vectors.Length > 0, "no vectors");
            for (int i = 0; i < vectors.Length; i++)
            {
                Assert.IsNotNull(LessonCatalog.Create(vectors[i].Lesson), "vector " + i.ToString() + " names " + vectors[i].Lesson);
            }
        }

        /// <summary>
        /// Runs the lesson once with the lecture's settings and checks each of its vectors at the row it
        /// names; fails if a vector's row or column never appears.
        /// </summary>
        private static void CheckLesson(string name)
        {
            Lesson lesson = LessonCatalog.Create(name);
            Assert.IsNotNull(lesson, "lesson " + name);
            LectureVector[] vectors = LectureVectors.All();
            bool[] seen = new bool[vectors.Length];
            int[] rowInTable = new int[lesson.TableCount];
            float[] row = new float[lesson.MaxColumns];

            lesson.Start(0, 0f);
            for (int table = lesson.Next(row); table >= 0; table = lesson.Next(row))
            {
                int rowIndex = rowInTable[table];
                rowInTable[table] = rowIndex + 1;
                for (int v = 0; v < vectors.Length; v++)
                {
                    LectureVector vector = vectors[v];
                    if (vector.Lesson != name || vector.Table != table || vector.Row != rowIndex)
                    {
                        continue;
                    }
                    int column = ColumnOf(lesson.Table(table).Columns, vector.Column);
                    Assert.IsTrue(column >= 0, name + " table " + table.ToString() + " has no column " + vector.Column);
                    string where = name + " table " + table.ToString() + " row " + rowIndex.ToString() + " " + vector.Column;
                    Tolerance.AssertClose(vector.Exact, row[column], vector.Tolerance, where);
                    seen[v] = true;
                }
            }

            for (int v = 0; v < vectors.Length; v++)
            {
                if (vectors[v].Lesson == name)
                {
                    Assert.IsTrue(seen[v], name + ": the lesson never produced table " + vectors[v].Table.ToString()
                        + " row " + vectors[v].Row.ToString() + " for " + vectors[v].Column);
                }
            }
        }

        private static int ColumnOf(string[] columns, string name)
        {
            for (int i = 0; i < columns.Length; i++)
            {
                if (columns[i] == name)
                {
                    return i;
                }
            }
            return -1;
        }
    }
}
