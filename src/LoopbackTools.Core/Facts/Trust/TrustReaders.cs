using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace LoopbackTools.Trust;

/// <summary>Every client family's trust sources on this machine, read side by side.</summary>
internal static class TrustReaders
{
    public static IReadOnlyList<ClientTrust> ReadAll(TrustEnvironment environment)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return new ClientTrust[0]; // Windows' and macOS' stores are not modelled yet (issue 30: not done)
        }

        var readers = new System.Func<TrustEnvironment, ClientTrust>[]
        {
            CurlTrustReader.Read, DotNetTrustReader.Read, PythonRequestsTrustReader.Read, NodeTrustReader.Read,
            BrowserTrustReader.Chromium, BrowserTrustReader.Firefox, JavaTrustReader.Read,
        };
        var read = new Task<ClientTrust>[readers.Length];
        for (var i = 0; i < readers.Length; i++)
        {
            var reader = readers[i];
            read[i] = Task.Run(() => reader(environment));
        }

        Task.WaitAll(read);
        var all = new ClientTrust[read.Length];
        for (var i = 0; i < read.Length; i++)
        {
            all[i] = read[i].Result;
        }

        return all;
    }
}
