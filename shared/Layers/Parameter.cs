namespace TinyNet.Layers
{
    /// <summary>
    /// One trainable tensor (rows × columns, flat row-major) and its gradient: what an optimizer updates.
    /// </summary>
    /// <remarks>
    /// A dense layer's weight gradient is zero in every row whose input was zero in the whole
    /// batch (most of an MNIST image), so the gradient keeps a list of the rows it holds: clearing
    /// and stepping then touch only those rows.
    /// </remarks>
    public sealed class Parameter
    {
        /// <summary>The values being trained.</summary>
        public readonly float[] Values;
        /// <summary>dL/d(values) from the last Backward that stored it; zero outside the listed rows.</summary>
        public readonly float[] Gradients;
        /// <summary>Rows of the tensor.</summary>
        public readonly int Rows;
        /// <summary>Columns of the tensor (the length of one row).</summary>
        public readonly int Columns;

        private readonly int[] _gradientRows;
        private int _gradientRowCount;

        /// <summary>Allocates a rows × columns tensor and its gradient, both zero.</summary>
        public Parameter(int rows, int columns)
        {
            Rows = rows;
            Columns = columns;
            Values = new float[rows * columns];
            Gradients = new float[rows * columns];
            _gradientRows = new int[rows];
        }

        /// <summary>Bytes a rows × columns parameter allocates: values, gradient and the row list.</summary>
        public static int Bytes(int rows, int columns)
        {
            return 2 * 4 * rows * columns + 4 * rows;
        }

        /// <summary>Rows of <see cref="Gradients"/> that may be nonzero.</summary>
        public int GradientRowCount { get { return _gradientRowCount; } }

        /// <summary>The i-th row that may be nonzero (i &lt; <see cref="GradientRowCount"/>), ascending.</summary>
        public int GradientRow(int i)
        {
            return _gradientRows[i];
        }

        /// <summary>Zeroes the rows the gradient holds, leaving it all zero and its row list empty.</summary>
        public void ClearGradients()
        {
            for (int i = 0; i < _gradientRowCount; i++)
            {
                System.Array.Clear(Gradients, _gradientRows[i] * Columns, Columns);
            }
            _gradientRowCount = 0;
        }

        /// <summary>Records that rows[0..count) are the rows <see cref="Gradients"/> now holds (the others are zero).</summary>
        public void SetGradientRows(int[] rows, int count)
        {
            System.Array.Copy(rows, _gradientRows, count);
            _gradientRowCount = count;
        }

        /// <summary>Records that every row of <see cref="Gradients"/> may be nonzero.</summary>
        public void SetAllGradientRows()
        {
            for (int i = 0; i < Rows; i++)
            {
                _gradientRows[i] = i;
            }
            _gradientRowCount = Rows;
        }
    }
}
