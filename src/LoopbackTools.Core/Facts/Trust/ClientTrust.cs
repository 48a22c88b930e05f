using System.Collections.Generic;

namespace LoopbackTools.Trust;

/// <summary>Where one client family looks for trusted certificates on this machine, and what it could not see.</summary>
internal sealed class ClientTrust
{
    public ClientTrust(TlsClient family, IReadOnlyList<TrustSource> sources, string absent = "", string note = "", string broken = "", OsTrustStore store = OsTrustStore.None)
    {
        Store = store;
        Broken = broken;
        Family = family;
        Sources = sources;
        Absent = absent;
        Note = note;
    }

    public TlsClient Family { get; }

    /// <summary>The operating system's store the sources come from (None: the client's own files).</summary>
    public OsTrustStore Store { get; }

    public IReadOnlyList<TrustSource> Sources { get; }

    /// <summary>Why the family is not judged here (no JRE, no Firefox profile); empty when it is.</summary>
    public string Absent { get; }

    /// <summary>Why the client cannot make any connection as configured (node refusing an option in NODE_OPTIONS); empty when it can.</summary>
    public string Broken { get; }

    /// <summary>How this client behaves differently, shown as evidence (e.g. "reads only hash-named files in the folder").</summary>
    public string Note { get; }
}
