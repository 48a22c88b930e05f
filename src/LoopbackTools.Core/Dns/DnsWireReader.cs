using System.Globalization;
using System.Text;

namespace LoopbackTools.Dns;

/// <summary>
/// A bounds-checked cursor over a received message: every read checks the remaining length first and
/// fails with a <see cref="DnsResponseException"/>, so no response can cause an out-of-range read.
/// </summary>
internal sealed class DnsWireReader
{
    private const int MaxNameOctets = 255;
    private readonly byte[] _message;

    public DnsWireReader(byte[] message)
    {
        _message = message;
    }

    public int Position { get; private set; }

    public int Length => _message.Length;

    public byte ReadByte(string what)
    {
        Require(1, what);
        return _message[Position++];
    }

    public ushort ReadUInt16(string what)
    {
        Require(2, what);
        var value = (ushort)((_message[Position] << 8) | _message[Position + 1]);
        Position += 2;
        return value;
    }

    public uint ReadUInt32(string what)
    {
        var high = ReadUInt16(what);
        var low = ReadUInt16(what);
        return ((uint)high << 16) | low;
    }

    public byte[] ReadBytes(int count, string what)
    {
        Require(count, what);
        var bytes = new byte[count];
        System.Buffer.BlockCopy(_message, Position, bytes, 0, count);
        Position += count;
        return bytes;
    }

    public void Skip(int count, string what)
    {
        Require(count, what);
        Position += count;
    }

    /// <summary>
    /// Reads a possibly compressed name. Every compression pointer must point strictly before the
    /// place it was read from, which rules out loops; the expanded name is capped at 255 octets.
    /// </summary>
    public string ReadName(string what)
    {
        var name = new StringBuilder();
        var octets = 1; // the root label
        var cursor = Position;
        int? resumeAt = null;
        while (true)
        {
            if (cursor >= _message.Length)
            {
                throw new DnsResponseException($"{what}: name runs past the end of the message");
            }

            var length = _message[cursor];
            var kind = length & 0xC0;
            if (kind == 0xC0)
            {
                if (cursor + 1 >= _message.Length)
                {
                    throw new DnsResponseException($"{what}: compression pointer cut off at the end of the message");
                }

                var target = ((length & 0x3F) << 8) | _message[cursor + 1];
                if (target >= cursor)
                {
                    throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "{0}: compression pointer at offset {1} points forward or to itself (offset {2})", what, cursor, target));
                }

                resumeAt ??= cursor + 2;
                cursor = target;
                continue;
            }

            if (kind != 0)
            {
                throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "{0}: unsupported label type 0x{1:x2} at offset {2}", what, length, cursor));
            }

            if (length == 0)
            {
                Position = resumeAt ?? cursor + 1;
                return name.ToString();
            }

            octets += length + 1;
            if (octets > MaxNameOctets)
            {
                throw new DnsResponseException($"{what}: name longer than {MaxNameOctets} octets");
            }

            if (cursor + 1 + length > _message.Length)
            {
                throw new DnsResponseException($"{what}: label runs past the end of the message");
            }

            if (name.Length > 0)
            {
                name.Append('.');
            }

            for (var i = cursor + 1; i <= cursor + length; i++)
            {
                var c = (char)_message[i];
                // A dot or a non-printable byte inside a label cannot equal any name we asked for; keep it visible.
                name.Append(c > ' ' && c < 0x7f && c != '.' ? c.ToString() : string.Format(CultureInfo.InvariantCulture, "\\{0:000}", (int)c));
            }

            cursor += 1 + length;
        }
    }

    private void Require(int count, string what)
    {
        if (count < 0 || Position + count > _message.Length)
        {
            throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "{0}: needs {1} bytes at offset {2} but the message is {3} bytes long", what, count, Position, _message.Length));
        }
    }
}
