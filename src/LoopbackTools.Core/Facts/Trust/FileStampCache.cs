using System;
using System.Collections.Concurrent;
using System.IO;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Trust;

/// <summary>
/// Certificates read from a file (a bundle, a keystore, an NSS database through certutil), kept for the process while
/// the file keeps its size and write time: the stores change rarely, reading them is the dearest part of a check.
/// </summary>
internal sealed class FileStampCache
{
    private readonly ConcurrentDictionary<string, (DateTime Time, long Length, X509Certificate2[] Certificates)> _read = new(StringComparer.Ordinal);

    /// <exception cref="FileNotFoundException">No such file.</exception>
    public X509Certificate2[] Get(string path, Func<X509Certificate2[]> read)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException("no such file", path);
        }

        if (_read.TryGetValue(info.FullName, out var cached) && cached.Time == info.LastWriteTimeUtc && cached.Length == info.Length)
        {
            return cached.Certificates;
        }

        var certificates = read();
        _read[info.FullName] = (info.LastWriteTimeUtc, info.Length, certificates);
        return certificates;
    }
}
