using System.Collections.Generic;
using System.Text;

namespace LoopbackTools.Hosts;

/// <summary>
/// The distinct addresses of one document. A blocklist repeats one address on every line, so the
/// previous line's bytes are compared first: the common case parses nothing and allocates nothing.
/// </summary>
internal sealed class AddressTable
{
    // Longest valid form is an IPv6 address with an embedded IPv4 part plus a zone; anything longer is prose.
    private const int MaxAddressLength = 100;
    private readonly List<AddressInfo> _items = new();
    private readonly Dictionary<string, int> _idsByText = new(System.StringComparer.Ordinal);
    private int _lastId = -1;
    private int _lastStart;
    private int _lastLength;

    public AddressInfo this[int id] => _items[id];

    /// <summary>The id of the address written at <paramref name="buffer"/>[start..start+length), or -1 when it is no address.</summary>
    public int Find(byte[] buffer, int start, int length)
    {
        if (_lastId >= 0 && length == _lastLength && SameBytes(buffer, _lastStart, start, length))
        {
            return _lastId;
        }

        if (length > MaxAddressLength)
        {
            return -1;
        }

        for (var i = start; i < start + length; i++)
        {
            if (buffer[i] >= 0x80)
            {
                return -1;
            }
        }

        var text = Encoding.ASCII.GetString(buffer, start, length);
        if (!_idsByText.TryGetValue(text, out var id))
        {
            var info = AddressInfo.TryCreate(text);
            if (info is null)
            {
                return -1;
            }

            id = _items.Count;
            _items.Add(info);
            _idsByText.Add(text, id);
        }

        _lastId = id;
        _lastStart = start;
        _lastLength = length;
        return id;
    }

    private static bool SameBytes(byte[] buffer, int a, int b, int length)
    {
        for (var i = 0; i < length; i++)
        {
            if (buffer[a + i] != buffer[b + i])
            {
                return false;
            }
        }

        return true;
    }
}
