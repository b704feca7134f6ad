using System;
using System.Threading;

namespace TinyNet.Device
{
    /// <summary>The app's entry point: open the model store, report what it holds, then serve the host link.</summary>
    public static class Program
    {
        /// <summary>Boots the board.</summary>
        public static void Main()
        {
            DeviceClock clock = new DeviceClock();
            FlashModelStore store = new FlashModelStore(FlashModelStore.DefaultFolder);
            if (store.RecoveryNote != null)
            {
                Log("store: " + store.RecoveryNote);
            }
            Log(store.ActiveLength < 0
                ? "no model stored"
                : "stored model: " + store.ActiveLength.ToString() + " bytes");
            Log("free managed heap: " + clock.FreeMemoryBytes().ToString() + " bytes");

            BoardPins.RouteLinkUart();
            UartChannel channel = new UartChannel(BoardPins.LinkPort, BoardPins.LinkBaud);
            Log("link on " + BoardPins.LinkPort + " at " + BoardPins.LinkBaud.ToString() + " baud");

            // The link session (shared/Board) is wired in here once it lands.
            Thread.Sleep(Timeout.Infinite);
        }

        /// <summary>A status line for the debugger output (Visual Studio / nanoff); the serial link never carries it.</summary>
        private static void Log(string line)
        {
            Console.WriteLine("TinyNet: " + line);
        }
    }
}
