using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;

namespace LoopbackTools.Trust;

/// <summary>
/// Every client family's trust sources on this machine. Read one after another: each is a few file reads once its
/// files are cached (CertificateFiles, JavaKeyStore, NssDatabase, the python answer), and blocking pool threads on
/// each other costs more on a 2-core machine than it saves.
/// </summary>
internal static class TrustReaders
{
    private static readonly System.Func<TrustEnvironment, ClientTrust>[] Readers =
    {
        CurlTrustReader.Read, DotNetTrustReader.Read, PythonRequestsTrustReader.Read, NodeTrustReader.Read,
        BrowserTrustReader.Chromium, BrowserTrustReader.Firefox, JavaTrustReader.Read,
    };

    public static IReadOnlyList<ClientTrust> ReadAll(TrustEnvironment environment)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return new ClientTrust[0]; // Windows' and macOS' stores are not modelled yet (issue 30: not done)
        }

        return Readers.Select(read => read(environment)).ToArray();
    }
}
