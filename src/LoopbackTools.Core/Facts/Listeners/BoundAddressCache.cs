using System;
using System.Collections.Generic;
using System.Net;

namespace LoopbackTools.Listeners;

/// <summary>
/// Turns raw address bytes into shared <see cref="BoundAddress"/> instances. Hosts bind their listeners to a
/// handful of addresses, so parsing a kernel table allocates no IPAddress, byte[] or string per socket.
/// Not thread-safe: one cache per scan.
/// </summary>
internal sealed class BoundAddressCache
{
    private readonly Dictionary<(ulong High, ulong Low, int Length), BoundAddress> _known = new();

    /// <summary>The address of <paramref name="length"/> (4 or 16) bytes at <paramref name="offset"/>, network order.</summary>
    public BoundAddress Get(byte[] buffer, int offset, int length)
    {
        var key = length == 16
            ? (BitConverter.ToUInt64(buffer, offset), BitConverter.ToUInt64(buffer, offset + 8), 16)
            : ((ulong)BitConverter.ToUInt32(buffer, offset), 0UL, length);
        if (!_known.TryGetValue(key, out var known))
        {
            var bytes = new byte[length];
            Buffer.BlockCopy(buffer, offset, bytes, 0, length);
            _known[key] = known = new BoundAddress(new IPAddress(bytes));
        }

        return known;
    }
}
