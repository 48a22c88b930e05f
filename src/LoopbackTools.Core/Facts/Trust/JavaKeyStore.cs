using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace LoopbackTools.Trust;

/// <summary>
/// The trusted certificates of a Java keystore: JKS (magic FEEDFEED; what Debian's ca-certificates-java writes) read
/// by its layout, PKCS#12 (the JDK 9+ default) through the runtime with Java's default password "changeit".
/// </summary>
internal static class JavaKeyStore
{
    private const uint JksMagic = 0xFEEDFEED;

    private static readonly FileStampCache Parsed = new();

    /// <summary>The store's trusted certificates; parsed once per process while its size and time stay the same.</summary>
    public static X509Certificate2[] Read(string path) => Parsed.Get(path, () => Parse(File.ReadAllBytes(path)));

    private static X509Certificate2[] Parse(byte[] bytes)
    {
        if (bytes.Length >= 4 && ReadUInt(bytes, 0) == JksMagic)
        {
            return ReadJks(bytes);
        }

        try
        {
            var collection = new X509Certificate2Collection();
            collection.Import(bytes, "changeit", X509KeyStorageFlags.DefaultKeySet);
            var found = new X509Certificate2[collection.Count];
            collection.CopyTo(found, 0);
            return found;
        }
        catch (CryptographicException e)
        {
            throw new IOException("neither JKS nor a PKCS#12 store with the default password: " + e.Message, e);
        }
    }

    /// <summary>JKS: magic, version, count, then entries (1 = private key, 2 = trusted certificate), all big-endian.</summary>
    private static X509Certificate2[] ReadJks(byte[] bytes)
    {
        var found = new List<X509Certificate2>();
        var at = 8;
        var count = ReadUInt(bytes, at);
        at += 4;
        for (var i = 0; i < count; i++)
        {
            var tag = ReadUInt(bytes, at);
            at += 4;
            at = SkipUtf(bytes, at) + 8; // alias, then the date added
            if (tag == 1)
            {
                at += 4 + (int)ReadUInt(bytes, at); // the protected key
                var chainLength = ReadUInt(bytes, at);
                at += 4;
                for (var c = 0; c < chainLength; c++)
                {
                    at = SkipCertificate(bytes, at, null);
                }
            }
            else if (tag == 2)
            {
                at = SkipCertificate(bytes, at, found);
            }
            else
            {
                throw new IOException("JKS entry of unknown kind " + tag.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return found.ToArray();
    }

    private static int SkipCertificate(byte[] bytes, int at, List<X509Certificate2>? into)
    {
        at = SkipUtf(bytes, at); // "X.509"
        var length = (int)ReadUInt(bytes, at);
        at += 4;
        if (at + length > bytes.Length)
        {
            throw new IOException("JKS truncated");
        }

        if (into is not null)
        {
            var der = new byte[length];
            Array.Copy(bytes, at, der, 0, length);
            into.Add(new X509Certificate2(der));
        }

        return at + length;
    }

    private static int SkipUtf(byte[] bytes, int at) => at + 2 + ((bytes[at] << 8) | bytes[at + 1]);

    private static uint ReadUInt(byte[] bytes, int at)
    {
        if (at + 4 > bytes.Length)
        {
            throw new IOException("JKS truncated");
        }

        return ((uint)bytes[at] << 24) | ((uint)bytes[at + 1] << 16) | ((uint)bytes[at + 2] << 8) | bytes[at + 3];
    }
}
