using nanoFramework.Hardware.Esp32;

namespace TinyNet.Device
{
    /// <summary>
    /// Every board-specific number of the host link in one place: which UART, which pins, how fast.
    /// </summary>
    /// <remarks>
    /// COM1 (UART0, GPIO1/GPIO3, the USB cable) belongs to nanoFramework's debugger and deploy
    /// protocol on a classic ESP32, so the app cannot open it. The link uses COM2 (UART1), which has
    /// no default pins: they must be routed through the GPIO matrix before the port is opened.
    /// GPIO32/33 are free on both WROOM and WROVER modules (GPIO16/17 are PSRAM pins on WROVER, and
    /// GPIO6–11 are the flash). Change the two pin numbers here if your board uses them.
    /// </remarks>
    public static class BoardPins
    {
        /// <summary>The UART the host link uses.</summary>
        public const string LinkPort = "COM2";

        /// <summary>Link speed in baud (8 data bits, no parity, one stop bit). The host must use the same.</summary>
        public const int LinkBaud = 115200;

        /// <summary>ESP32 GPIO the board transmits on: wire it to the adapter's RX.</summary>
        public const int LinkTxPin = 33;

        /// <summary>ESP32 GPIO the board receives on: wire it to the adapter's TX.</summary>
        public const int LinkRxPin = 32;

        /// <summary>Routes COM2's TX and RX to <see cref="LinkTxPin"/> and <see cref="LinkRxPin"/>; call before opening the port.</summary>
        public static void RouteLinkUart()
        {
            Configuration.SetPinFunction(LinkTxPin, DeviceFunction.COM2_TX);
            Configuration.SetPinFunction(LinkRxPin, DeviceFunction.COM2_RX);
        }
    }
}
