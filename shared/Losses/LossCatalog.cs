namespace TinyNet.Losses
{
    /// <summary>
    /// The one list of losses this build knows. Adding a loss is its own file (a subclass of
    /// <see cref="Loss"/> with an unused name) plus one line here.
    /// </summary>
    /// <remarks>
    /// Losses hold no state, so one instance of each is shared. Losses have names only: no file
    /// or message stores a loss, so they need no code number.
    /// </remarks>
    public static class LossCatalog
    {
        private static readonly Loss[] All = new Loss[]
        {
            new SquaredError(),
            new HalfSquaredError(),
            new MeanSquaredError(),
            new SoftmaxCrossEntropy(),
            new LogisticLoss(),
        };

        /// <summary>How many losses are registered.</summary>
        public static int Count { get { return All.Length; } }

        /// <summary>The i-th registered loss (0 ≤ i &lt; <see cref="Count"/>).</summary>
        public static Loss At(int index)
        {
            return All[index];
        }

        /// <summary>The loss with the given name, or null when the name is unknown.</summary>
        public static Loss FromName(string name)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Name == name)
                {
                    return All[i];
                }
            }
            return null;
        }
    }
}
