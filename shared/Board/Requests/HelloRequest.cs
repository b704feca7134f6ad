using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board.Requests
{
    /// <summary>HELLO: checks the host's protocol version and answers INFO (firmware, memory, the loaded model).</summary>
    public sealed class HelloRequest
    {
        private readonly string _firmware;
        private readonly IBoardClock _clock;
        private readonly int _maxModelBytes;
        private readonly LoadedModel _loaded;

        /// <summary>Answers with <paramref name="firmware"/>, the clock's free memory, the upload limit and <paramref name="loaded"/>.</summary>
        public HelloRequest(string firmware, IBoardClock clock, int maxModelBytes, LoadedModel loaded)
        {
            _firmware = firmware;
            _clock = clock;
            _maxModelBytes = maxModelBytes;
            _loaded = loaded;
        }

        /// <summary>Reads a HELLO payload (the protocol version, u8) and writes the reply; returns its type.</summary>
        public int Answer(PayloadReader r, PayloadWriter w)
        {
            int version = r.U8();
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.Hello, r);
            }
            if (version != LinkProtocol.Version)
            {
                return Replies.Error(w, ErrorCode.VersionMismatch, "the host speaks link protocol " + version.ToString()
                    + " but this board speaks " + LinkProtocol.Version.ToString() + ": update the host or the firmware");
            }
            Model model = _loaded.Model;
            BoardInfo info = new BoardInfo();
            info.ProtocolVersion = LinkProtocol.Version;
            info.FirmwareVersion = _firmware;
            info.FreeMemoryBytes = _clock.FreeMemoryBytes();
            info.MaxPayload = LinkProtocol.MaxPayload;
            info.MaxModelBytes = _maxModelBytes;
            info.ModelPresent = model != null;
            info.ModelStatus = _loaded.Status;
            info.ProfileName = _loaded.Profile.Name;
            info.HeapBytes = _loaded.Profile.HeapBytes;
            info.ModelStreamed = _loaded.Streamed;
            info.ModelHeapBytes = (int)_loaded.HeapBytes;
            if (model != null)
            {
                info.ModelName = model.Name;
                int layers = model.LayerCount;
                info.Shape = new int[layers + 1];
                info.Shape[0] = model.Inputs;
                for (int i = 0; i < layers; i++)
                {
                    info.Shape[i + 1] = model.Layer(i).Neurons;
                }
                info.ModelBytes = _loaded.Bytes;
                info.ModelCrc = _loaded.Crc;
            }
            info.Write(w);
            return MessageType.Info;
        }
    }
}
