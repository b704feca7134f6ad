using System;
using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace TinyNet.Device
{
    /// <summary>
    /// Joins the WiFi network nanoFramework's own configuration holds: the Wireless80211
    /// configuration that Visual Studio's Device Explorer (Network Configuration) stores on the board,
    /// or any app that saved one with Wireless80211Configuration.SaveConfiguration (device/README.md).
    /// The app keeps no credentials of its own.
    /// </summary>
    public static class WifiJoin
    {
        /// <summary>How long joining may take before the board falls back to the UART link.</summary>
        public const int JoinTimeoutMilliseconds = 30000;

        /// <summary>
        /// Connects with the stored credentials (DHCP) and returns null when the board is on the
        /// network, or the reason it is not (no stored network, or joining failed or timed out).
        /// </summary>
        public static string Join()
        {
            Wireless80211Configuration stored = StoredConfiguration();
            if (stored == null)
            {
                return "no WiFi network stored on the board (device/README.md: putting the WiFi credentials on the board)";
            }
            // The token bounds the wait: without one the helper can wait forever for an address.
            CancellationTokenSource timeout = new CancellationTokenSource(JoinTimeoutMilliseconds);
            try
            {
                bool joined = WifiNetworkHelper.ConnectDhcp(stored.Ssid, stored.Password, WifiReconnectionKind.Automatic,
                    false, 0, timeout.Token);
                if (joined)
                {
                    return null;
                }
                Exception why = WifiNetworkHelper.HelperException;
                return "could not join WiFi network '" + stored.Ssid + "' within " + (JoinTimeoutMilliseconds / 1000).ToString()
                    + " s (" + (why == null ? "no address" : why.Message) + ")";
            }
            catch (Exception e)
            {
                return "joining WiFi network '" + stored.Ssid + "' failed: " + e.Message;
            }
            finally
            {
                timeout.Dispose();
            }
        }

        // The first stored configuration with an SSID; null when there is none.
        private static Wireless80211Configuration StoredConfiguration()
        {
            Wireless80211Configuration[] all = Wireless80211Configuration.GetAllWireless80211Configurations();
            if (all == null)
            {
                return null;
            }
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i] != null && all[i].Ssid != null && all[i].Ssid.Length > 0)
                {
                    return all[i];
                }
            }
            return null;
        }
    }
}
