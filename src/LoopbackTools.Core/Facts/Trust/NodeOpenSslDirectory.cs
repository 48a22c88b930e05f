using System;
using System.Collections.Concurrent;
using System.IO;
using System.Text;

namespace LoopbackTools.Trust;

/// <summary>
/// Where the OpenSSL inside a node binary looks when node is told to use OpenSSL's store (--use-openssl-ca,
/// --use-system-ca on Linux): OPENSSLDIR/cert.pem and the hash-named files of OPENSSLDIR/certs. Node's own OpenSSL
/// carries the OPENSSLDIR it was built with (the NodeSource node 20 here: /etc/ssl, so it never reads Debian's
/// /etc/ssl/certs/ca-certificates.crt, only the hashed folder); a node linked to the system's libcrypto (Debian's own
/// package) has no such string and uses the system's defaults. Read once per binary while its size and time stay.
/// </summary>
internal static class NodeOpenSslDirectory
{
    private static readonly byte[] Marker = Encoding.ASCII.GetBytes("OPENSSLDIR: \"");
    private static readonly ConcurrentDictionary<string, (DateTime Time, long Length, string? Directory)> Read = new(StringComparer.Ordinal);

    /// <summary>The OPENSSLDIR compiled into <paramref name="node"/>, or null when it has none (a shared libcrypto) or cannot be read.</summary>
    public static string? Of(string node)
    {
        try
        {
            var info = new FileInfo(node);
            if (Read.TryGetValue(node, out var cached) && cached.Time == info.LastWriteTimeUtc && cached.Length == info.Length)
            {
                return cached.Directory;
            }

            var directory = Find(node);
            Read[node] = (info.LastWriteTimeUtc, info.Length, directory);
            return directory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Scans the file for <c>OPENSSLDIR: "…"</c> (OpenSSL's version string) without loading it whole.</summary>
    internal static string? Find(string path)
    {
        const int Chunk = 1 << 20;
        const int Tail = 512; // the marker and a path fit in it, so a match across two chunks is still seen whole
        var buffer = new byte[Chunk + (2 * Tail)];
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var kept = 0;
        int got;
        while ((got = stream.Read(buffer, kept, Chunk)) > 0)
        {
            var length = kept + got;
            var at = IndexOf(buffer, length);
            if (at >= 0)
            {
                var start = at + Marker.Length;
                var end = Array.IndexOf(buffer, (byte)'"', start, Math.Min(Tail, length - start));
                if (end > start)
                {
                    return Encoding.ASCII.GetString(buffer, start, end - start);
                }

                if (length - start >= Tail)
                {
                    return null; // no closing quote within a path's length: not OpenSSL's string
                }
            }

            kept = Math.Min(Tail, length);
            Buffer.BlockCopy(buffer, length - kept, buffer, 0, kept);
            if (at >= 0)
            {
                // The marker was cut by the chunk's end: keep it at the start of the next round.
                kept = length - at;
                Buffer.BlockCopy(buffer, at, buffer, 0, kept);
            }
        }

        return null;
    }

    private static int IndexOf(byte[] buffer, int length)
    {
        var first = Marker[0];
        for (var i = Array.IndexOf(buffer, first, 0, length); i >= 0 && i <= length - Marker.Length; i = Array.IndexOf(buffer, first, i + 1, length - i - 1))
        {
            var j = 1;
            while (j < Marker.Length && buffer[i + j] == Marker[j])
            {
                j++;
            }

            if (j == Marker.Length)
            {
                return i;
            }
        }

        return -1;
    }
}
