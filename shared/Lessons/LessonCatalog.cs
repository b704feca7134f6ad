namespace TinyNet.Lessons
{
    /// <summary>The lecture examples TinyNet can run, by name.</summary>
    public static class LessonCatalog
    {
        /// <summary>The lesson names, in lecture order.</summary>
        public static string[] Names()
        {
            return new string[] { "neuron", "chain", "sigmoid", "gender", "quadratic" };
        }

        /// <summary>A fresh lesson with this name, or null when there is none.</summary>
        public static Lesson Create(string name)
        {
            switch (name)
            {
                case "neuron": return new NeuronLesson();
                case "chain": return new ChainLesson();
                case "sigmoid": return new SigmoidLesson();
                case "gender": return new GenderLesson();
                case "quadratic": return new QuadraticLesson();
                default: return null;
            }
        }
    }
}
