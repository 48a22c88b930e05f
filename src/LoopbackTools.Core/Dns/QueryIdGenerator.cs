using System.Security.Cryptography;

namespace LoopbackTools.Dns;

/// <summary>Query IDs from a cryptographic generator, so an off-path attacker cannot predict them (RFC 5452 4.3).</summary>
internal static class QueryIdGenerator
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();
    private static readonly object Gate = new();

    public static ushort Next()
    {
        var bytes = new byte[2];
        lock (Gate)
        {
            Random.GetBytes(bytes);
        }

        return (ushort)((bytes[0] << 8) | bytes[1]);
    }
}
