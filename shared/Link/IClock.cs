namespace TinyNet.Link
{
    /// <summary>A monotonic millisecond clock, so link timeouts can be measured on any platform (and faked in tests).</summary>
    public interface IClock
    {
        /// <summary>Milliseconds since an arbitrary fixed start (boot); never goes back.</summary>
        long Milliseconds { get; }
    }
}
