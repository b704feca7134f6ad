namespace TinyNet.Networking
{
    /// <summary>Where new client connections come from (a listening TCP socket).</summary>
    public interface IConnectionListener
    {
        /// <summary>
        /// Returns the next connection waiting to be accepted, waiting up to
        /// <paramref name="timeoutMilliseconds"/> for one (0: do not wait); null when none came.
        /// </summary>
        IConnection Accept(int timeoutMilliseconds);
    }
}
