#if !NANOFRAMEWORK_1_0
// Plain C# for nanoFramework, which has no nullable annotations; the host build compiles it with them off.
#nullable disable
#endif
namespace TinyNet.Tests.Vectors
{
    /// <summary>
    /// One number a lecture prints, and where the lesson that reproduces it shows it: lesson name,
    /// table index, row index, column name. When the lecture's own arithmetic slips, Exact holds the
    /// correct value (the engine's, to the lecture's digits) and Note says what the lecture did.
    /// </summary>
    /// <remarks>
    /// Plain C# 9 with no generics: this file is compiled into the host tests (xunit) and into the
    /// nanoFramework tests (NFUnitTest), so both check the same numbers.
    /// </remarks>
    public sealed class LectureVector
    {
        /// <summary>The lesson's name, as on the command line.</summary>
        public readonly string Lesson;
        /// <summary>Index of the lesson's table.</summary>
        public readonly int Table;
        /// <summary>Index of the row within that table.</summary>
        public readonly int Row;
        /// <summary>The column's name, as in the lesson's table.</summary>
        public readonly string Column;
        /// <summary>The value as the lecture prints it.</summary>
        public readonly float Printed;
        /// <summary>The correct value to the lecture's digits (equals Printed unless the lecture slipped).</summary>
        public readonly float Exact;
        /// <summary>Decimals the lecture prints: the comparison allows half a unit in the last place.</summary>
        public readonly int Decimals;
        /// <summary>Why Exact differs from Printed, or where a derived value comes from; null otherwise.</summary>
        public readonly string Note;

        /// <summary>Creates a vector.</summary>
        public LectureVector(string lesson, int table, int row, string column, float printed, float exact, int decimals, string note)
        {
            Lesson = lesson;
            Table = table;
            Row = row;
            Column = column;
            Printed = printed;
            Exact = exact;
            Decimals = decimals;
            Note = note;
        }

        /// <summary>True when the lecture's printed value is wrong at its own digits.</summary>
        public bool IsLectureSlip
        {
            get { return Exact != Printed; }
        }

        /// <summary>Half a unit in the lecture's last printed digit, plus float rounding slack.</summary>
        public float Tolerance
        {
            get
            {
                float unit = 1f;
                for (int i = 0; i < Decimals; i++)
                {
                    unit /= 10f;
                }
                return unit / 2f + 1e-6f;
            }
        }
    }

    /// <summary>Every worked number of the five lectures (shared/seeds) that TinyNet's lessons reproduce.</summary>
    public static class LectureVectors
    {
        /// <summary>All vectors, in lecture order.</summary>
        public static LectureVector[] All()
        {
            return new LectureVector[]
            {
                new LectureVector("neuron", 0, 0, "W", 0.5000f, 0.5000f, 4, null),
                new LectureVector("neuron", 0, 0, "Y", 2.0000f, 2.0000f, 4, null),
                new LectureVector("neuron", 0, 0, "L", 36.0000f, 36.0000f, 4, null),
                new LectureVector("neuron", 0, 0, "dL/dW", -48.0000f, -48.0000f, 4, null),
                new LectureVector("neuron", 0, 1, "W", 0.9800f, 0.9800f, 4, null),
                new LectureVector("neuron", 0, 1, "Y", 3.9200f, 3.9200f, 4, null),
                new LectureVector("neuron", 0, 1, "L", 16.6464f, 16.6464f, 4, null),
                new LectureVector("neuron", 0, 1, "dL/dW", -32.6400f, -32.6400f, 4, null),
                new LectureVector("neuron", 0, 2, "W", 1.3064f, 1.3064f, 4, null),
                new LectureVector("neuron", 0, 2, "Y", 5.2256f, 5.2256f, 4, null),
                new LectureVector("neuron", 0, 2, "L", 7.6973f, 7.6973f, 4, null),
                new LectureVector("neuron", 0, 2, "dL/dW", -22.1952f, -22.1952f, 4, null),
                new LectureVector("neuron", 0, 3, "W", 1.5284f, 1.5284f, 4, null),
                new LectureVector("neuron", 0, 3, "Y", 6.1134f, 6.1134f, 4, null),
                new LectureVector("neuron", 0, 3, "L", 3.5592f, 3.5592f, 4, null),
                new LectureVector("neuron", 0, 3, "dL/dW", -15.0927f, -15.0927f, 4, null),
                new LectureVector("neuron", 0, 4, "W", 1.6793f, 1.6793f, 4, null),
                new LectureVector("neuron", 0, 4, "Y", 6.7171f, 6.7171f, 4, null),
                new LectureVector("neuron", 0, 4, "L", 1.6458f, 1.6458f, 4, null),
                new LectureVector("neuron", 0, 4, "dL/dW", -10.2631f, -10.2631f, 4, null),
                new LectureVector("neuron", 0, 5, "W", 1.7819f, 1.7819f, 4, null),
                new LectureVector("neuron", 0, 5, "Y", 7.1276f, 7.1276f, 4, null),
                new LectureVector("neuron", 0, 5, "L", 0.7610f, 0.7610f, 4, null),
                new LectureVector("neuron", 0, 5, "dL/dW", -6.9789f, -6.9789f, 4, null),
                new LectureVector("neuron", 0, 6, "W", 1.8517f, 1.8517f, 4, null),
                new LectureVector("neuron", 0, 6, "Y", 7.4068f, 7.4068f, 4, null),
                new LectureVector("neuron", 0, 6, "L", 0.3519f, 0.3519f, 4, null),
                new LectureVector("neuron", 0, 6, "dL/dW", -4.7456f, -4.7456f, 4, null),
                new LectureVector("neuron", 0, 7, "W", 1.8992f, 1.8992f, 4, null),
                new LectureVector("neuron", 0, 7, "Y", 7.5966f, 7.5966f, 4, null),
                new LectureVector("neuron", 0, 7, "L", 0.1627f, 0.1627f, 4, null),
                new LectureVector("neuron", 0, 7, "dL/dW", -3.2270f, -3.2270f, 4, null),
                new LectureVector("neuron", 0, 8, "W", 1.9314f, 1.9314f, 4, null),
                new LectureVector("neuron", 0, 8, "Y", 7.7257f, 7.7257f, 4, null),
                new LectureVector("neuron", 0, 8, "L", 0.0752f, 0.0752f, 4, null),
                new LectureVector("neuron", 0, 8, "dL/dW", -2.1944f, -2.1944f, 4, null),
                new LectureVector("neuron", 0, 9, "W", 1.9534f, 1.9534f, 4, null),
                new LectureVector("neuron", 0, 9, "Y", 7.8135f, 7.8135f, 4, null),
                new LectureVector("neuron", 0, 9, "L", 0.0348f, 0.0348f, 4, null),
                new LectureVector("neuron", 0, 9, "dL/dW", -1.4922f, -1.4922f, 4, null),
                new LectureVector("neuron", 0, 10, "W", 1.9683f, 1.9683f, 4, null),
                new LectureVector("neuron", 0, 10, "Y", 7.8732f, 7.8732f, 4, null),
                new LectureVector("neuron", 0, 10, "L", 0.0161f, 0.0161f, 4, null),
                new LectureVector("neuron", 0, 10, "dL/dW", -1.0147f, -1.0147f, 4, null),
                new LectureVector("neuron", 0, 11, "W", 1.9784f, 1.9784f, 4, null),
                new LectureVector("neuron", 0, 11, "Y", 7.9138f, 7.9138f, 4, null),
                new LectureVector("neuron", 0, 11, "L", 0.0074f, 0.0074f, 4, null),
                new LectureVector("neuron", 0, 11, "dL/dW", -0.6900f, -0.6900f, 4, null),
                new LectureVector("neuron", 0, 12, "W", 1.9853f, 1.9853f, 4, null),
                new LectureVector("neuron", 0, 12, "Y", 7.9414f, 7.9414f, 4, null),
                new LectureVector("neuron", 0, 12, "L", 0.0034f, 0.0034f, 4, null),
                new LectureVector("neuron", 0, 12, "dL/dW", -0.4692f, -0.4692f, 4, null),
                new LectureVector("neuron", 0, 13, "W", 1.9900f, 1.9900f, 4, null),
                new LectureVector("neuron", 0, 13, "Y", 7.9601f, 7.9601f, 4, null),
                new LectureVector("neuron", 0, 13, "L", 0.0016f, 0.0016f, 4, null),
                new LectureVector("neuron", 0, 13, "dL/dW", -0.3190f, -0.3190f, 4, null),
                new LectureVector("neuron", 0, 14, "W", 1.9932f, 1.9932f, 4, null),
                new LectureVector("neuron", 0, 14, "Y", 7.9729f, 7.9729f, 4, null),
                new LectureVector("neuron", 0, 14, "L", 0.0007f, 0.0007f, 4, null),
                new LectureVector("neuron", 0, 14, "dL/dW", -0.2170f, -0.2170f, 4, null),
                new LectureVector("neuron", 0, 15, "W", 1.9954f, 1.9954f, 4, null),
                new LectureVector("neuron", 0, 15, "Y", 7.9816f, 7.9816f, 4, null),
                new LectureVector("neuron", 0, 15, "L", 0.0003f, 0.0003f, 4, null),
                new LectureVector("neuron", 0, 15, "dL/dW", -0.1475f, -0.1475f, 4, null),
                new LectureVector("neuron", 0, 16, "W", 1.9969f, 1.9969f, 4, null),
                new LectureVector("neuron", 0, 16, "Y", 7.9875f, 7.9875f, 4, null),
                new LectureVector("neuron", 0, 16, "L", 0.0002f, 0.0002f, 4, null),
                new LectureVector("neuron", 0, 16, "dL/dW", -0.1003f, -0.1003f, 4, null),
                new LectureVector("neuron", 0, 17, "W", 1.9979f, 1.9979f, 4, null),
                new LectureVector("neuron", 0, 17, "Y", 7.9915f, 7.9915f, 4, null),
                new LectureVector("neuron", 0, 17, "L", 0.0001f, 0.0001f, 4, null),
                new LectureVector("neuron", 0, 17, "dL/dW", -0.0682f, -0.0682f, 4, null),
                new LectureVector("neuron", 0, 18, "W", 1.9986f, 1.9986f, 4, null),
                new LectureVector("neuron", 0, 18, "Y", 7.9942f, 7.9942f, 4, null),
                new LectureVector("neuron", 0, 18, "L", 0.0000f, 0.0000f, 4, null),
                new LectureVector("neuron", 0, 18, "dL/dW", -0.0464f, -0.0464f, 4, null),
                new LectureVector("neuron", 0, 19, "W", 1.9990f, 1.9990f, 4, null),
                new LectureVector("neuron", 0, 19, "Y", 7.9961f, 7.9961f, 4, null),
                new LectureVector("neuron", 0, 19, "L", 0.0000f, 0.0000f, 4, null),
                new LectureVector("neuron", 0, 19, "dL/dW", -0.0315f, -0.0315f, 4, null),
                new LectureVector("neuron", 1, 0, "dL/dB", -12.0000f, -12.0000f, 4, "the lecture's dL/dB = 2(Y − Ŷ) at W = 0.5, B = 0, not printed as a number"),
                new LectureVector("chain", 0, 0, "h", 4f, 4f, 0, null),
                new LectureVector("chain", 0, 0, "y^", 2f, 2f, 0, null),
                new LectureVector("chain", 0, 0, "L", 162f, 162f, 0, null),
                new LectureVector("chain", 0, 0, "dL/dw1", -18f, -18f, 0, null),
                new LectureVector("chain", 0, 0, "dL/dw2", -72f, -72f, 0, null),
                new LectureVector("chain", 0, 1, "w1", 2.18f, 2.18f, 2, null),
                new LectureVector("chain", 0, 1, "w2", 1.22f, 1.22f, 2, null),
                new LectureVector("chain", 0, 1, "h", 4.36f, 4.36f, 2, null),
                new LectureVector("chain", 0, 1, "y^", 5.3192f, 5.3192f, 4, null),
                new LectureVector("chain", 0, 1, "L", 107.88f, 107.76f, 2, "the lecture squares 14.6808 as 215.76; it is 215.53, so half of it is 107.76"),
                new LectureVector("sigmoid", 0, 0, "h", 0.3775f, 0.3775f, 4, null),
                new LectureVector("sigmoid", 0, 0, "y^", 0.54705f, 0.54705f, 5, null),
                new LectureVector("sigmoid", 0, 0, "L", 0.10258f, 0.10258f, 5, null),
                new LectureVector("sigmoid", 0, 0, "dL/dw3", -0.04239f, -0.04237f, 5, "the lecture multiplies the rounded -0.11222 by the rounded 0.3775"),
                new LectureVector("sigmoid", 0, 0, "dL/dw1", -0.01318f, -0.01319f, 5, "the lecture chains rounded factors: -0.11222 × 0.50 × 0.2350"),
                new LectureVector("sigmoid", 0, 0, "dL/dw2", -0.02636f, -0.02638f, 5, "twice the lecture's rounded dL/dz1 of -0.01318"),
                new LectureVector("sigmoid", 0, 1, "w1", 0.10132f, 0.10132f, 5, null),
                new LectureVector("sigmoid", 0, 1, "w2", -0.29736f, -0.29736f, 5, null),
                new LectureVector("sigmoid", 0, 1, "w3", 0.50424f, 0.50424f, 5, null),
                new LectureVector("sigmoid", 0, 1, "h", 0.3791f, 0.3791f, 4, null),
                new LectureVector("sigmoid", 0, 1, "y^", 0.5476f, 0.5476f, 4, null),
                new LectureVector("sigmoid", 0, 1, "L", 0.1023f, 0.1023f, 4, null),
                new LectureVector("gender", 0, 0, "h1", 0.9526f, 0.9526f, 4, null),
                new LectureVector("gender", 0, 0, "h2", 0.9526f, 0.9526f, 4, null),
                new LectureVector("gender", 0, 0, "o1", 0.7216f, 0.7216f, 4, null),
                new LectureVector("gender", 1, 0, "h1", 0.0474f, 0.0474f, 4, null),
                new LectureVector("gender", 1, 0, "h2", 0.0474f, 0.0474f, 4, null),
                new LectureVector("gender", 1, 0, "o1", 0.524f, 0.524f, 3, null),
                new LectureVector("gender", 1, 0, "dL/dypred", -0.952f, -0.953f, 3, "the lecture uses the rounded y_pred 0.524: -2(1 - 0.5237) = -0.9526"),
                new LectureVector("gender", 1, 0, "dypred/dh1", 0.249f, 0.249f, 3, null),
                new LectureVector("gender", 1, 0, "dh1/dw1", -0.0904f, -0.0904f, 4, null),
                new LectureVector("gender", 1, 0, "dL/dw1", 0.0214f, 0.0215f, 4, "the lecture multiplies rounded factors (-0.952 × 0.249 × -0.0904 = 0.02143); the exact gradient is 0.02147"),
                new LectureVector("gender", 1, 0, "dh1/db1", 0.044791f, 0.045177f, 6, "the lecture rounds f(-3) to 0.047 before computing f(-3)(1 - f(-3))"),
                new LectureVector("quadratic", 2, 0, "linear", 1.6667f, 1.6667f, 4, "the least-squares line y = 5x + 5/3, derived: the lecture only says a line cannot fit"),
                new LectureVector("quadratic", 2, 1, "linear", 6.6667f, 6.6667f, 4, "the least-squares line y = 5x + 5/3, derived"),
                new LectureVector("quadratic", 2, 2, "linear", 11.6667f, 11.6667f, 4, "the least-squares line y = 5x + 5/3, derived"),
            };
        }
    }
}
