namespace TinyNet.Link
{
    /// <summary>Told how far an upload got, after every acknowledged chunk.</summary>
    public interface IUploadProgress
    {
        /// <summary><paramref name="acknowledged"/> of <paramref name="total"/> bytes are on the board.</summary>
        void Report(int acknowledged, int total);
    }
}
