using LoopbackTools.Browsers;

namespace LoopbackTools.Connection;

/// <summary>With -Http or -Https: whether browsers will open this port at all (their restricted-port lists, as data).</summary>
internal static class BrowserPortStep
{
    public static StepVerdict Judge(string name, int port, bool https)
    {
        var refusing = BrowserRestrictedPorts.Refusing(port);
        var scheme = https ? "https" : "http";
        if (refusing.Length == 0)
        {
            return StepVerdict.Pass($"port {port} is on no browser's restricted list: {scheme}://{name}:{port}/ opens in Chromium and Firefox");
        }

        return StepVerdict.Warn(
            $"{string.Join(" and ", refusing)} refuse {scheme}://{name}:{port}/ before connecting, whatever the server does (Chromium: ERR_UNSAFE_PORT; Firefox: 'This address is restricted') - serve it on another port such as 8080, or start Chromium with --explicitly-allowed-ports={port}",
            $"port {port} is on the restricted-port list of {string.Join(", ", refusing)}");
    }
}
