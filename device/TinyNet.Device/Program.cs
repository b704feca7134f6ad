using System;
using TinyNet.Board;
using TinyNet.Link;
using TinyNet.Networking;

namespace TinyNet.Device
{
    /// <summary>
    /// The app's entry point: open the model store, load the stored model if it is valid, then serve
    /// the host link over WiFi (TCP, with discovery) when a network is stored and joins, else over the UART.
    /// </summary>
    public static class Program
    {
        /// <summary>What INFO reports as the firmware.</summary>
        public const string FirmwareVersion = "TinyNet.Device 1.0 (nanoFramework, ESP32)";

        /// <summary>
        /// The board this app runs on: esp32 (classic, no PSRAM) by default. Change it to
        /// BoardProfile.Esp32Psram for a WROVER-class board or BoardProfile.Esp32S3 for an ESP32-S3 with PSRAM
        /// (device/README.md, "Which profile is my board"), then rebuild and deploy. It sets the largest model
        /// the board stores and the heap that decides whether a model runs in RAM or streamed from flash.
        /// </summary>
        public static readonly BoardProfile Profile = BoardProfile.Esp32;

        // How long one RunOnce waits for bytes; short enough that the loop stays responsive.
        private const int PollMilliseconds = 100;

        /// <summary>The name discovery reports for the board (its IP address tells boards apart).</summary>
        public const string BoardName = "tinynet-esp32";

        /// <summary>Boots the board and serves the link forever.</summary>
        public static void Main()
        {
            DeviceClock clock = new DeviceClock();
            FlashModelStore store = new FlashModelStore(FlashModelStore.DefaultFolder);
            if (store.RecoveryNote != null)
            {
                Log("store: " + store.RecoveryNote);
            }

            string noWifi = WifiJoin.Join();
            if (noWifi == null)
            {
                ServeNetwork(store, clock);
            }
            else
            {
                Log(noWifi + "; serving the link on the UART instead");
                ServeUart(store, clock);
            }
        }

        // The link over TCP: one client at a time (LinkServer), discovery answered between polls.
        private static void ServeNetwork(FlashModelStore store, DeviceClock clock)
        {
            ConnectionChannel channel = new ConnectionChannel();
            BoardSession session = Start(new BoardSession(channel, store, clock, FirmwareVersion, Profile), store, clock);
            LinkServer server = new LinkServer(session, channel, new SocketListener(NetworkDefaults.LinkPort), clock,
                NetworkDefaults.IdleTimeoutMilliseconds);
            DiscoveryListener discovery = new DiscoveryListener(new BoardAnnouncer(session, store, BoardName, FirmwareVersion,
                Profile.Name, NetworkDefaults.LinkPort, ""));
            Log("link on TCP port " + NetworkDefaults.LinkPort.ToString() + ", discovery on UDP port "
                + NetworkDefaults.DiscoveryPort.ToString() + ": find the board with `tinynet boards`");
            int clients = 0;
            int logged = 0;
            while (true)
            {
                server.RunOnce(PollMilliseconds);
                discovery.AnswerPending();
                logged = LogPrediction(session, logged);
                if (server.Clients != clients)
                {
                    clients = server.Clients;
                    Log("client " + clients.ToString() + " connected (" + server.Refused.ToString() + " refused busy, "
                        + server.IdleDrops.ToString() + " dropped idle so far)");
                }
            }
        }

        // The link over the UART adapter on GPIO32/33: the fallback without a network.
        private static void ServeUart(FlashModelStore store, DeviceClock clock)
        {
            BoardPins.RouteLinkUart();
            UartChannel channel = new UartChannel(BoardPins.LinkPort, BoardPins.LinkBaud);
            BoardSession session = Start(new BoardSession(channel, store, clock, FirmwareVersion, Profile), store, clock);
            Log("link on " + BoardPins.LinkPort + " at " + BoardPins.LinkBaud.ToString() + " baud (TX GPIO"
                + BoardPins.LinkTxPin.ToString() + ", RX GPIO" + BoardPins.LinkRxPin.ToString() + ")");

            int logged = 0;
            while (true)
            {
                session.RunOnce(PollMilliseconds);
                logged = LogPrediction(session, logged);
            }
        }

        // The session counts the predictions it made; one status line per read is enough:
        // "prediction 3: wave (class 2)", by name when the model names its classes. Returns the count logged.
        private static int LogPrediction(BoardSession session, int logged)
        {
            if (session.Predictions != logged)
            {
                logged = session.Predictions;
                Log("prediction " + logged.ToString() + ": " + session.LastPrediction);
            }
            return logged;
        }

        // Boots the session (loads the stored model) and says how that went.
        private static BoardSession Start(BoardSession session, FlashModelStore store, DeviceClock clock)
        {
            session.Boot();
            if (session.HasModel)
            {
                Log("model loaded: " + session.Model.Name + " (" + store.ActiveLength.ToString() + " bytes, "
                    + (session.ModelStreamed ? "streamed from flash)" : "in RAM)"));
                if (session.Model.HasClassNames)
                {
                    Log("classes: " + ClassList(session.Model));
                }
            }
            else
            {
                Log(store.ActiveLength < 0 ? "no model stored" : session.ModelStatus);
            }
            Log("profile " + Profile.Name + "; free managed heap: " + clock.FreeMemoryBytes().ToString() + " bytes");
            return session;
        }

        // The model's class names for the boot log, "idle, wave, circle" (no string.Join on nanoFramework).
        private static string ClassList(TinyNet.Models.Model model)
        {
            string list = "";
            for (int i = 0; i < model.Outputs; i++)
            {
                list = i == 0 ? model.ClassName(i) : list + ", " + model.ClassName(i);
            }
            return list;
        }

        /// <summary>
        /// A status line for the debugger output (Visual Studio, or any tool attached to the USB port);
        /// it never goes over the link, which only carries frames.
        /// </summary>
        private static void Log(string line)
        {
            Console.WriteLine("TinyNet: " + line);
        }
    }
}
