using TinyNet.Checksums;
using TinyNet.Link;

namespace TinyNet.Host.Board;

/// <summary>
/// Fetches the board's active model file with PULL, chunk by chunk. The bytes received survive a
/// failed call, so calling <see cref="Continue"/> again (after a cut cable is plugged back in)
/// resumes from where it stopped; the finished file is checked against the model CRC the board reports.
/// </summary>
public sealed class ModelPull
{
    private byte[] _file = [];
    private int _received;
    private uint _modelCrc;
    private bool _started;

    /// <summary>Bytes received so far.</summary>
    public int Received => _received;

    /// <summary>PULL requests that returned a chunk.</summary>
    public int Chunks { get; private set; }

    /// <summary>True once the whole file is here.</summary>
    public bool Done => _started && _received == _file.Length;

    /// <summary>
    /// Asks for the rest of the file and returns it once complete and checked. A cut throws the
    /// link's exception and keeps what arrived; a board whose model changed meanwhile makes it start over.
    /// </summary>
    public byte[] Continue(LinkClient client)
    {
        while (!Done)
        {
            PullChunk chunk = client.Pull(_received);
            Chunks++;
            if (!_started || chunk.FileSize != _file.Length || chunk.ModelCrc != _modelCrc)
            {
                bool restart = _started;
                _file = new byte[chunk.FileSize];
                _modelCrc = chunk.ModelCrc;
                _received = 0;
                _started = true;
                if (restart || chunk.Offset != 0) continue; // the model on the board changed: fetch it from the start
            }
            if (chunk.Data.Length == 0 && _received < _file.Length)
                throw new UserError($"the board sent an empty chunk at {_received} of {_file.Length} bytes; pull again");
            Array.Copy(chunk.Data, 0, _file, _received, chunk.Data.Length);
            _received += chunk.Data.Length;
        }
        uint crc = _file.Length >= 4 ? Crc32.Compute(_file, 0, _file.Length - 4) : 0;
        if (_file.Length < 4 || crc != _modelCrc || TinyNet.Bytes.LittleEndian.U32(_file, _file.Length - 4) != crc)
        {
            _started = false;
            _received = 0;
            throw new UserError($"the pulled file has CRC-32 0x{crc:X8} but the board reports 0x{_modelCrc:X8}; the bytes were damaged on the way, pull again");
        }
        return _file;
    }
}
