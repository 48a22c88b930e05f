using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace LoopbackTools.Listeners.Windows;

/// <summary>
/// Parses the buffer EnumServicesStatusExW(SC_ENUM_PROCESS_INFO) fills: an array of ENUM_SERVICE_STATUS_PROCESSW
/// <code>
/// LPWSTR lpServiceName; LPWSTR lpDisplayName;            // pointers into the same buffer
/// SERVICE_STATUS_PROCESS { DWORD dwServiceType, dwCurrentState, dwControlsAccepted, dwWin32ExitCode,
///                          dwServiceSpecificExitCode, dwCheckPoint, dwWaitHint, dwProcessId, dwServiceFlags; }
/// </code>
/// 56 bytes an entry with 8-byte pointers (2×8 + 9×4 = 52, padded to the pointer alignment), 44 with 4-byte ones;
/// the NUL-terminated UTF-16LE strings follow the array. A pointer is turned into an offset by subtracting the
/// buffer's own address; one that points outside the buffer gives no name (the entry is skipped), never an error.
/// </summary>
internal static class ServiceStatusProcessTable
{
    private const int StatusDwords = 9;
    private const int CurrentStateIndex = 1;
    private const int ProcessIdIndex = 7;

    public static int EntrySize(int pointerSize)
    {
        var raw = (2 * pointerSize) + (StatusDwords * 4);
        return (raw + pointerSize - 1) / pointerSize * pointerSize;
    }

    /// <param name="buffer">The bytes EnumServicesStatusExW wrote.</param>
    /// <param name="length">How many of them are valid (the buffer size passed to the call).</param>
    /// <param name="count">lpServicesReturned.</param>
    /// <param name="bufferAddress">The address the buffer had during the call (its pointers are absolute).</param>
    /// <param name="pointerSize">4 or 8: the calling process's IntPtr.Size.</param>
    public static List<HostedService> Parse(byte[] buffer, int length, int count, long bufferAddress, int pointerSize)
    {
        if (pointerSize != 4 && pointerSize != 8)
        {
            throw new ArgumentOutOfRangeException(nameof(pointerSize));
        }

        var services = new List<HostedService>();
        var size = EntrySize(pointerSize);
        length = Math.Min(length, buffer.Length);
        for (var i = 0; i < count && (long)(i + 1) * size <= length; i++)
        {
            var entry = i * size;
            var name = ReadString(buffer, length, ReadPointer(buffer, entry, pointerSize) - bufferAddress);
            if (string.IsNullOrEmpty(name))
            {
                continue;
            }

            var status = entry + (2 * pointerSize);
            var display = ReadString(buffer, length, ReadPointer(buffer, entry + pointerSize, pointerSize) - bufferAddress);
            var state = BitConverter.ToInt32(buffer, status + (CurrentStateIndex * 4));
            var pid = BitConverter.ToInt32(buffer, status + (ProcessIdIndex * 4));
            services.Add(new HostedService(name!, display, pid, state));
        }

        return services;
    }

    /// <summary>Process id to the services it hosts, names sorted and joined by ", " (svchost hosts several).</summary>
    public static Dictionary<int, string> ByProcess(IEnumerable<HostedService> services) =>
        services.Where(s => s.ProcessId > 0)
            .GroupBy(s => s.ProcessId)
            .ToDictionary(g => g.Key, g => string.Join(", ", g.Select(s => s.Name).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(n => n, StringComparer.OrdinalIgnoreCase)));

    private static long ReadPointer(byte[] buffer, int offset, int pointerSize) =>
        pointerSize == 8 ? BitConverter.ToInt64(buffer, offset) : (long)BitConverter.ToUInt32(buffer, offset);

    private static string? ReadString(byte[] buffer, int length, long offset)
    {
        if (offset < 0 || offset >= length)
        {
            return null; // a null pointer, or one outside the buffer
        }

        var start = (int)offset;
        var end = start;
        while (end + 1 < length && (buffer[end] != 0 || buffer[end + 1] != 0))
        {
            end += 2;
        }

        if (end + 1 >= length)
        {
            return null; // no terminating NUL inside the buffer
        }

        return Encoding.Unicode.GetString(buffer, start, end - start);
    }
}
