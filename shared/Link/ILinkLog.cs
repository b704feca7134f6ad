namespace TinyNet.Link
{
    /// <summary>Receives the LOG lines the board sends on its own.</summary>
    public interface ILinkLog
    {
        /// <summary>One line of text from the board.</summary>
        void Line(string text);
    }
}
