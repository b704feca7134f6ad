using System;
using TinyNet.Board;

namespace TinyNet.Device
{
    /// <summary>The app's entry point: open the model store, load the stored model if it is valid, then serve the host link.</summary>
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

        /// <summary>
        /// Largest model file the board accepts: its profile's. During an upload the new file sits next
        /// to the active one, so two of these must fit on I:\ (the profile's model room).
        /// </summary>
        public static int MaxModelBytes { get { return Profile.MaxModelBytes; } }

        // How long one RunOnce waits for bytes; short enough that the loop stays responsive.
        private const int PollMilliseconds = 100;

        /// <summary>Boots the board and serves the link forever.</summary>
        public static void Main()
        {
            DeviceClock clock = new DeviceClock();
            FlashModelStore store = new FlashModelStore(FlashModelStore.DefaultFolder);
            if (store.RecoveryNote != null)
            {
                Log("store: " + store.RecoveryNote);
            }

            BoardPins.RouteLinkUart();
            UartChannel channel = new UartChannel(BoardPins.LinkPort, BoardPins.LinkBaud);
            BoardSession session = new BoardSession(channel, store, clock, FirmwareVersion, Profile);

            session.Boot();
            if (session.HasModel)
            {
                Log("model loaded: " + session.Model.Name + " (" + store.ActiveLength.ToString() + " bytes, "
                    + (session.ModelStreamed ? "streamed from flash)" : "in RAM)"));
            }
            else
            {
                Log(store.ActiveLength < 0 ? "no model stored" : session.ModelStatus);
            }
            Log("profile " + Profile.Name + "; free managed heap: " + clock.FreeMemoryBytes().ToString() + " bytes");
            Log("link on " + BoardPins.LinkPort + " at " + BoardPins.LinkBaud.ToString() + " baud (TX GPIO"
                + BoardPins.LinkTxPin.ToString() + ", RX GPIO" + BoardPins.LinkRxPin.ToString() + ")");

            int logged = 0;
            while (true)
            {
                session.RunOnce(PollMilliseconds);
                // The session counts the predictions it made; one status line per read is enough.
                if (session.Predictions != logged)
                {
                    logged = session.Predictions;
                    Log("prediction " + logged.ToString());
                }
            }
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
