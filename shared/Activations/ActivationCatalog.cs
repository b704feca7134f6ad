namespace TinyNet.Activations
{
    /// <summary>
    /// The one list of activations this build knows. Adding an activation is its own file (a
    /// subclass of <see cref="Activation"/> with an unused code and name) plus one line here.
    /// </summary>
    /// <remarks>
    /// Activations hold no state, so one instance of each serves every layer. Model files, the
    /// link, the CLI and the fuzzers all look activations up here, by code or by name, and
    /// enumerate them through <see cref="Count"/> and <see cref="At"/>.
    /// </remarks>
    public static class ActivationCatalog
    {
        private static readonly Activation[] All = new Activation[]
        {
            new Identity(),
            new Tanh(),
            new Sigmoid(),
            new Softmax(),
            new Relu(),
        };

        /// <summary>How many activations are registered.</summary>
        public static int Count { get { return All.Length; } }

        /// <summary>The i-th registered activation (0 ≤ i &lt; <see cref="Count"/>); not ordered by code.</summary>
        public static Activation At(int index)
        {
            return All[index];
        }

        /// <summary>The activation with the given code, or null when the code is unknown.</summary>
        public static Activation FromCode(int code)
        {
            for (int i = 0; i < All.Length; i++)
            {
                if (All[i].Code == code)
                {
                    return All[i];
                }
            }
            return null;
        }

        /// <summary>The activation with the given name, or null when the name is unknown.</summary>
        public static Activation FromName(string name)
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
