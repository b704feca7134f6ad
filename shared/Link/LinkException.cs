namespace TinyNet.Link
{
    /// <summary>
    /// A link request that failed: the board answered ERROR (<see cref="Code"/> &gt; 0, the message is
    /// its reason), it never answered (<see cref="IsTimeout"/>), or it answered nonsense. Host-side only:
    /// the board never throws for bad input, it replies ERROR.
    /// </summary>
    public sealed class LinkException : System.Exception
    {
        /// <summary>The board's <see cref="ErrorCode"/>, or 0 when the board did not send one.</summary>
        public readonly int Code;

        /// <summary>True when the board did not answer in time after every retry.</summary>
        public readonly bool IsTimeout;

        /// <summary>Creates the exception.</summary>
        public LinkException(string message, int code, bool isTimeout) : base(message)
        {
            Code = code;
            IsTimeout = isTimeout;
        }
    }
}
