using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using LoopbackTools.Trust;

namespace LoopbackTools.Tests.Certificate;

/// <summary>
/// Windows' registry certificate stores as <c>reg export HKCU\Software\Microsoft\SystemCertificates\Root file.reg</c>
/// writes them (Fixtures/oscerts/README.md): UTF-16LE with a byte-order mark, CRLF, a [key] line per key, each
/// <c>Certificates\&lt;SHA-1&gt;</c> key's <c>"Blob"=hex:..</c> value wrapped at 80 columns with <c>,\</c> as regedit
/// does. The blob is CryptoAPI's serialized certificate: cached properties (SHA-1 hash 0x03, key identifier 0x14)
/// before the DER certificate (0x20). The registry cannot be read on Linux; the tests write these from the
/// certificates they make and read them back into the stores <see cref="WindowsRootStores"/> reads on Windows.
/// </summary>
public static class WindowsRegExport
{
    /// <summary>Writes a store's export: <paramref name="storeKey"/> as regedit names it, e.g. HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\SystemCertificates\ROOT.</summary>
    public static string Write(string path, string storeKey, params X509Certificate2[] certificates)
    {
        var text = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n");
        text.Append('[').Append(storeKey).Append("]\r\n\r\n");
        text.Append('[').Append(storeKey).Append("\\Certificates]\r\n\r\n");
        foreach (var certificate in certificates)
        {
            text.Append('[').Append(storeKey).Append("\\Certificates\\").Append(certificate.Thumbprint).Append("]\r\n");
            text.Append(HexValue("Blob", Blob(certificate))).Append("\r\n\r\n");
        }

        text.Append('[').Append(storeKey).Append("\\CRLs]\r\n\r\n");
        text.Append('[').Append(storeKey).Append("\\CTLs]\r\n\r\n");
        File.WriteAllText(path, text.ToString(), new UnicodeEncoding(bigEndian: false, byteOrderMark: true));
        return path;
    }

    /// <summary>CertSerializeCertificateStoreElement's layout: {id, 1, length, bytes} per property, the certificate last.</summary>
    public static byte[] Blob(X509Certificate2 certificate)
    {
        var blob = new MemoryStream();
        void Property(uint id, byte[] value)
        {
            blob.Write(BitConverter.GetBytes(id));
            blob.Write(BitConverter.GetBytes(1u));
            blob.Write(BitConverter.GetBytes((uint)value.Length));
            blob.Write(value);
        }

        Property(0x03, certificate.GetCertHash());
        Property(0x14, System.Security.Cryptography.SHA1.HashData(certificate.GetPublicKey()));
        Property(0x20, certificate.RawData);
        return blob.ToArray();
    }

    /// <summary>Reads exports back into the stores WindowsRootStores knows (one not exported: "does not exist").</summary>
    internal static IReadOnlyList<RegistryCertificateStore> Read(params string[] files)
    {
        var blobs = new Dictionary<string, List<byte[]>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            var key = string.Empty;
            var lines = Regex.Replace(File.ReadAllText(file), "\\\\\r\n\\s*", string.Empty).Split("\r\n");
            foreach (var line in lines)
            {
                if (line.StartsWith('[') && line.EndsWith(']'))
                {
                    key = line[1..^1].Replace("HKEY_CURRENT_USER", "HKCU", StringComparison.Ordinal).Replace("HKEY_LOCAL_MACHINE", "HKLM", StringComparison.Ordinal);
                    var store = Regex.Match(key, @"^(.*)\\Certificates\\[0-9A-F]{40}$");
                    key = store.Success ? store.Groups[1].Value : string.Empty;
                }
                else if (key.Length > 0 && line.StartsWith("\"Blob\"=hex:", StringComparison.Ordinal))
                {
                    var bytes = line["\"Blob\"=hex:".Length..].Split(',').Select(b => Convert.ToByte(b, 16)).ToArray();
                    (blobs.TryGetValue(key, out var list) ? list : blobs[key] = new List<byte[]>()).Add(bytes);
                }
            }
        }

        return WindowsRootStores.Stores
            .Select(s => blobs.TryGetValue(s.Key, out var found) ? new RegistryCertificateStore(s.Key, found) : new RegistryCertificateStore(s.Key, Array.Empty<byte[]>(), "does not exist"))
            .ToArray();
    }

    /// <summary>regedit's hex value: "xx," bytes, a line ending in ",\" before column 80, continuation lines indented by two.</summary>
    private static string HexValue(string name, byte[] bytes)
    {
        var text = new StringBuilder();
        var line = new StringBuilder("\"" + name + "\"=hex:");
        for (var i = 0; i < bytes.Length; i++)
        {
            var last = i == bytes.Length - 1;
            line.Append(bytes[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture)).Append(last ? string.Empty : ",");
            if (!last && line.Length >= 77)
            {
                text.Append(line).Append("\\\r\n");
                line.Clear().Append("  ");
            }
        }

        return text.Append(line).ToString();
    }
}
