using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace LoopbackTools.Trust;

/// <summary>
/// Reads certificates the way OpenSSL-based clients store them: PEM bundles, single DER files, hash-named folders.
/// A file is parsed once per process while its size and time stay the same (the system bundle holds ~140 roots).
/// </summary>
internal static class CertificateFiles
{
    private const string Begin = "-----BEGIN CERTIFICATE-----";
    private const string End = "-----END CERTIFICATE-----";
    private static readonly Regex OpenSslHashName = new("^[0-9a-f]{8}\\.[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly FileStampCache Parsed = new();

    /// <summary>Every certificate in a PEM (or DER) file; throws IOException/UnauthorizedAccessException when unreadable.</summary>
    public static X509Certificate2[] ReadFile(string path) => Parsed.Get(path, () => Parse(File.ReadAllBytes(path)));

    public static X509Certificate2[] Parse(byte[] bytes)
    {
        var text = Encoding.ASCII.GetString(bytes);
        if (text.IndexOf(Begin, StringComparison.Ordinal) < 0)
        {
            return TryDer(bytes) is { } single ? new[] { single } : Array.Empty<X509Certificate2>();
        }

        var found = new List<X509Certificate2>();
        var at = 0;
        while ((at = text.IndexOf(Begin, at, StringComparison.Ordinal)) >= 0)
        {
            var end = text.IndexOf(End, at, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var body = text.Substring(at + Begin.Length, end - at - Begin.Length);
            at = end + End.Length;
            try
            {
                if (TryDer(Convert.FromBase64String(new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray()))) is { } certificate)
                {
                    found.Add(certificate);
                }
            }
            catch (FormatException)
            {
                // a damaged block: OpenSSL skips it too and reads on
            }
        }

        return found.ToArray();
    }

    /// <summary>
    /// The files OpenSSL's lookup finds in a CA folder: only names of the form <c>&lt;subject hash&gt;.N</c> (made by
    /// c_rehash or update-ca-certificates); a certificate dropped in without its hash link is not found.
    /// </summary>
    public static X509Certificate2[] ReadHashedFolder(string folder) => ReadFolder(folder, name => OpenSslHashName.IsMatch(name));

    /// <summary>Every certificate file in a folder, whatever its name (.NET's Linux root store reads them all).</summary>
    public static X509Certificate2[] ReadWholeFolder(string folder) => ReadFolder(folder, _ => true);

    /// <summary>The same key and name: a client trusts an authority by these, not by the exact bytes of its certificate.</summary>
    public static bool SameAuthority(X509Certificate2 a, X509Certificate2 b) =>
        a.SubjectName.RawData.AsSpanEquals(b.SubjectName.RawData) && a.GetPublicKey().AsSpanEquals(b.GetPublicKey());

    private static bool AsSpanEquals(this byte[] a, byte[] b) => a.Length == b.Length && a.SequenceEqual(b);

    private static X509Certificate2[] ReadFolder(string folder, Func<string, bool> take)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException("no such folder: " + folder);
        }

        var found = new List<X509Certificate2>();
        foreach (var file in Directory.EnumerateFiles(folder).Where(f => take(Path.GetFileName(f))))
        {
            try
            {
                found.AddRange(ReadFile(file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a dangling link or an unreadable file: the client skips it as well
            }
        }

        return found.GroupBy(c => c.Thumbprint).Select(g => g.First()).ToArray();
    }

    private static X509Certificate2? TryDer(byte[] der)
    {
        if (der.Length == 0)
        {
            return null; // new X509Certificate2(byte[0]) gives an empty object whose Thumbprint throws, not an error
        }

        try
        {
            return new X509Certificate2(der);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
