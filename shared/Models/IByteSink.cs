namespace TinyNet.Models
{
    /// <summary>Where a streamed model file goes (the board's store upload file, a host buffer).</summary>
    public interface IByteSink
    {
        /// <summary>Appends buffer[offset..offset+count).</summary>
        void Append(byte[] buffer, int offset, int count);
    }
}
