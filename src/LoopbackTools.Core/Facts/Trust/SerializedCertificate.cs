using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Trust;

/// <summary>
/// A certificate as CryptoAPI serializes it (CertSerializeCertificateStoreElement), the form of each registry store's
/// <c>Certificates\&lt;SHA-1&gt;\Blob</c> value: a run of properties, each a little-endian header {uint32 property id,
/// uint32 reserved (1), uint32 length} and its bytes; the DER certificate is the property CERT_CERT_PROP_ID (0x20),
/// the others (its hashes, key identifier, friendly name...) are cached facts about it.
/// </summary>
internal static class SerializedCertificate
{
    private const uint CertificateProperty = 0x20;

    /// <exception cref="InvalidDataException">The blob is cut short or holds no certificate property.</exception>
    public static X509Certificate2 Parse(byte[] blob)
    {
        var at = 0;
        while (at + 12 <= blob.Length)
        {
            var id = BitConverter.ToUInt32(blob, at);
            var length = BitConverter.ToUInt32(blob, at + 8);
            at += 12;
            if (length > (uint)(blob.Length - at))
            {
                throw new InvalidDataException($"property 0x{id:x} claims {length} bytes, {blob.Length - at} remain");
            }

            if (id == CertificateProperty)
            {
                var der = new byte[length];
                Buffer.BlockCopy(blob, at, der, 0, (int)length);
                try
                {
                    return new X509Certificate2(der);
                }
                catch (CryptographicException e)
                {
                    throw new InvalidDataException("the certificate property is not a DER certificate: " + e.Message, e);
                }
            }

            at += (int)length;
        }

        throw new InvalidDataException("no certificate property (0x20) in the blob");
    }
}
