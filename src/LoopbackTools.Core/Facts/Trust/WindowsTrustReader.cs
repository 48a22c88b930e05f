using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Trust;

/// <summary>
/// The client families that trust what Windows' Root stores hold: .NET's HttpClient (Windows' chain engine),
/// Chromium, Chrome and Edge (their own root list plus roots added to Windows' stores), curl.exe as Windows ships it
/// (built with Schannel). Firefox reads the Windows stores only with enterprise roots turned on, and Node, Python
/// requests and Java keep their own stores: those are judged by their own readers.
/// </summary>
internal static class WindowsTrustReader
{
    public static IReadOnlyList<ClientTrust> Read(IReadOnlyList<RegistryCertificateStore> stores)
    {
        var sources = stores.Select(WindowsRootStores.ToSource).ToArray();
        return new[]
        {
            new ClientTrust(TlsClient.Curl, sources, note: "curl.exe shipped with Windows uses Schannel, so Windows' Root stores; a curl built with OpenSSL reads its own bundle instead", store: OsTrustStore.WindowsRoot),
            new ClientTrust(TlsClient.DotNet, sources, note: "HttpClient builds chains with Windows' chain engine: Cert:\\CurrentUser\\Root includes LocalMachine's", store: OsTrustStore.WindowsRoot),
            new ClientTrust(TlsClient.Chromium, sources, note: "Chrome and Edge trust roots added to Windows' Root stores besides their built-in roots", store: OsTrustStore.WindowsRoot),
            new ClientTrust(TlsClient.Firefox, new TrustSource[0], absent: "on Windows Firefox reads its profile's cert9.db, and Windows' Root stores only with enterprise roots on (security.enterprise_roots.enabled or the ImportEnterpriseRoots policy): neither is read here"),
        };
    }
}
