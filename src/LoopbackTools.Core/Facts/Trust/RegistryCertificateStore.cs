using System;
using System.Collections.Generic;

namespace LoopbackTools.Trust;

/// <summary>
/// One certificate store as Windows keeps it in the registry: the key (e.g. <c>HKCU\SOFTWARE\Microsoft\SystemCertificates\Root</c>)
/// and the <c>Blob</c> value of each subkey of its <c>Certificates</c> key. Read from the live registry on Windows
/// (<see cref="WindowsRootStores.ReadRegistry"/>); built from <c>reg export</c> files in the tests.
/// </summary>
internal sealed class RegistryCertificateStore
{
    public RegistryCertificateStore(string key, IReadOnlyList<byte[]> blobs, string unreadable = "")
    {
        Key = key;
        Blobs = blobs ?? Array.Empty<byte[]>();
        Unreadable = unreadable ?? string.Empty;
    }

    public string Key { get; }

    public IReadOnlyList<byte[]> Blobs { get; }

    /// <summary>Why the key could not be read ("does not exist", access denied); empty when read.</summary>
    public string Unreadable { get; }
}
