using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace LoopbackTools.Trust;

/// <summary>
/// Every client family's trust sources on this machine. Read one after another: each is a few file reads once its
/// files are cached (CertificateFiles, JavaKeyStore, NssDatabase, the python answer), and blocking pool threads on
/// each other costs more on a 2-core machine than it saves. On Windows and macOS the families that use the system's
/// own store (.NET, Chromium/Edge, and curl.exe on Windows) are judged from it; Node, Python requests and Java keep
/// their own stores there too.
/// </summary>
internal static class TrustReaders
{
    private static readonly System.Func<TrustEnvironment, ClientTrust>[] Readers =
    {
        CurlTrustReader.Read, DotNetTrustReader.Read, PythonRequestsTrustReader.Read, NodeTrustReader.Read,
        BrowserTrustReader.Chromium, BrowserTrustReader.Firefox, JavaTrustReader.Read,
    };

    /// <summary>The families that carry their own trust store on every system.</summary>
    private static IEnumerable<ClientTrust> OwnStores(TrustEnvironment environment) =>
        new[] { PythonRequestsTrustReader.Read(environment), NodeTrustReader.Read(environment), JavaTrustReader.Read(environment) };

    public static IReadOnlyList<ClientTrust> ReadAll(TrustEnvironment environment)
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return WindowsTrustReader.Read(WindowsRootStores.ReadRegistry()).Concat(OwnStores(environment)).ToArray();
        }

        if (MacKeychains.Read(environment) is { } keychains)
        {
            return new[] { CurlTrustReader.Read(environment) }.Concat(MacTrustReader.Read(keychains)).Concat(OwnStores(environment)).ToArray();
        }

        return RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
            ? Readers.Select(read => read(environment)).ToArray()
            : new ClientTrust[0]; // the BSDs and others: not modelled
    }
}
