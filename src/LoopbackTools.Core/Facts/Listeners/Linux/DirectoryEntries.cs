using System;
using System.Runtime.InteropServices;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Reads a directory with getdents64(2) into one reused buffer: no string per entry, which matters when a
/// process holds 10,000 descriptors. Entries are struct linux_dirent64 (u64 d_ino, s64 d_off, u16 d_reclen,
/// u8 d_type, NUL-terminated d_name at offset 19).
/// </summary>
internal sealed class DirectoryEntries
{
    private const int NameOffset = 19;
    private static readonly Lazy<bool> Exported = new(Probe);
    private readonly byte[] _buffer = new byte[32 * 1024];
    private int _count;
    private int _offset;
    private int _fd = -1;

    /// <summary>False when libc lacks getdents64 (glibc before 2.30): callers use Directory enumeration instead.</summary>
    public static bool Available => Exported.Value;

    /// <summary>Starts reading the directory open at <paramref name="fd"/> (the caller owns and closes it).</summary>
    public void Reset(int fd)
    {
        _fd = fd;
        _count = 0;
        _offset = 0;
    }

    /// <summary>Moves to the next entry whose name starts with a digit; returns false at the end or on a read error.</summary>
    public bool MoveNextNumeric(out int nameOffset, out int nameLength)
    {
        while (true)
        {
            if (_offset >= _count && !Fill())
            {
                nameOffset = 0;
                nameLength = 0;
                return false;
            }

            var record = _offset;
            int length = _buffer[record + 16] | (_buffer[record + 17] << 8);
            if (!BitConverter.IsLittleEndian)
            {
                length = (_buffer[record + 16] << 8) | _buffer[record + 17];
            }

            _offset += Math.Max(length, NameOffset + 1);
            var start = record + NameOffset;
            if (_buffer[start] < (byte)'0' || _buffer[start] > (byte)'9')
            {
                continue;
            }

            var end = start;
            var limit = Math.Min(record + length, _count);
            while (end < limit && _buffer[end] != 0)
            {
                end++;
            }

            nameOffset = start;
            nameLength = end - start;
            return true;
        }
    }

    public byte this[int index] => _buffer[index];

    /// <summary>Copies the current name with its NUL into <paramref name="target"/> (for readlinkat).</summary>
    public void CopyName(int nameOffset, int nameLength, byte[] target)
    {
        Buffer.BlockCopy(_buffer, nameOffset, target, 0, nameLength);
        target[nameLength] = 0;
    }

    /// <summary>The entry name as a positive number, or -1 when it is not all digits.</summary>
    public long ParseNumber(int nameOffset, int nameLength)
    {
        long value = 0;
        for (var i = nameOffset; i < nameOffset + nameLength; i++)
        {
            var digit = _buffer[i] - (byte)'0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }

            value = (value * 10) + digit;
        }

        return nameLength == 0 ? -1 : value;
    }

    private static bool Probe()
    {
        try
        {
            LinuxNative.GetDents64(-1, Array.Empty<byte>(), IntPtr.Zero); // EBADF when it exists
            return true;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
    }

    private bool Fill()
    {
        var n = (long)LinuxNative.GetDents64(_fd, _buffer, (IntPtr)_buffer.Length);
        if (n <= 0)
        {
            _ = Marshal.GetLastWin32Error();
            return false;
        }

        _count = (int)n;
        _offset = 0;
        return true;
    }
}
