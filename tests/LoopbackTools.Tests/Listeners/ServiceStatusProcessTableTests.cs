using System.Text;
using LoopbackTools.Listeners.Windows;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// EnumServicesStatusExW cannot run here: these buffers are laid out exactly like the array of
/// ENUM_SERVICE_STATUS_PROCESSW it writes (two LPWSTR, then SERVICE_STATUS_PROCESS's nine little-endian DWORDs,
/// each entry padded to the pointer size: 56 bytes with 8-byte pointers, 44 with 4-byte ones), followed by the
/// NUL-terminated UTF-16LE strings the pointers point at, as absolute addresses inside the buffer.
/// </summary>
public sealed class ServiceStatusProcessTableTests
{
    private const long Base64 = 0x0000_01D4_5A20_0000;
    private const long Base32 = 0x0042_0000;
    private const int Running = 4;
    private const int Stopped = 1;

    [Fact]
    public void Entries_are_56_bytes_with_8_byte_pointers_and_44_with_4_byte_ones()
    {
        Assert.Equal(56, ServiceStatusProcessTable.EntrySize(8));
        Assert.Equal(44, ServiceStatusProcessTable.EntrySize(4));
    }

    [Theory]
    [InlineData(8, Base64)]
    [InlineData(4, Base32)]
    public void Reads_name_display_name_state_and_process(int pointerSize, long address)
    {
        var buffer = Buffer(pointerSize, address, ("Dnscache", "DNS Client", Running, 1312), ("Spooler", "Print Spooler", Stopped, 0), ("W32Time", "Windows Time", Running, 1312));

        var services = ServiceStatusProcessTable.Parse(buffer, buffer.Length, 3, address, pointerSize);

        Assert.Equal(new[] { "Dnscache", "Spooler", "W32Time" }, services.Select(s => s.Name));
        Assert.Equal(new[] { "DNS Client", "Print Spooler", "Windows Time" }, services.Select(s => s.DisplayName));
        Assert.Equal(new[] { 1312, 0, 1312 }, services.Select(s => s.ProcessId));
        Assert.Equal(new[] { Running, Stopped, Running }, services.Select(s => s.CurrentState));
    }

    [Fact]
    public void A_process_hosting_several_services_lists_them_sorted_and_stopped_ones_are_left_out()
    {
        var buffer = Buffer(8, Base64, ("W32Time", "Windows Time", Running, 1312), ("Spooler", "Print Spooler", Stopped, 0), ("Dnscache", "DNS Client", Running, 1312), ("nginx", "nginx", Running, 4200));

        var byProcess = ServiceStatusProcessTable.ByProcess(ServiceStatusProcessTable.Parse(buffer, buffer.Length, 4, Base64, 8));

        Assert.Equal(2, byProcess.Count);
        Assert.Equal("Dnscache, W32Time", byProcess[1312]);
        Assert.Equal("nginx", byProcess[4200]);
    }

    [Fact]
    public void A_pointer_outside_the_buffer_skips_the_entry_without_an_error()
    {
        var buffer = Buffer(8, Base64, ("Good", "Good service", Running, 7), ("Bad", "Bad service", Running, 8));
        BitConverter.GetBytes(Base64 + buffer.Length + 100).CopyTo(buffer, ServiceStatusProcessTable.EntrySize(8)); // lpServiceName past the end

        var services = ServiceStatusProcessTable.Parse(buffer, buffer.Length, 2, Base64, 8);

        Assert.Equal("Good", Assert.Single(services).Name);
    }

    [Fact]
    public void A_string_without_its_nul_inside_the_buffer_is_no_string()
    {
        var buffer = Buffer(8, Base64, ("Only", "Only one", Running, 9));

        var service = Assert.Single(ServiceStatusProcessTable.Parse(buffer, buffer.Length - 2, 1, Base64, 8)); // the display name's NUL cut off

        Assert.Equal(("Only", null), (service.Name, service.DisplayName));
    }

    [Fact]
    public void A_count_larger_than_the_buffer_holds_stops_at_the_buffer()
    {
        var buffer = Buffer(8, Base64, ("Only", "Only one", Running, 9));

        Assert.Single(ServiceStatusProcessTable.Parse(buffer, ServiceStatusProcessTable.EntrySize(8) + 40, 50, Base64, 8));
        Assert.Empty(ServiceStatusProcessTable.Parse(buffer, 10, 1, Base64, 8));
    }

    /// <summary>The entries first, then each name and display name, as the SCM packs them.</summary>
    private static byte[] Buffer(int pointerSize, long address, params (string Name, string Display, int State, int Pid)[] services)
    {
        var size = ServiceStatusProcessTable.EntrySize(pointerSize);
        var strings = new List<byte>();
        var entries = new byte[size * services.Length];
        var stringsStart = entries.Length;
        for (var i = 0; i < services.Length; i++)
        {
            var (name, display, state, pid) = services[i];
            var entry = i * size;
            WritePointer(entries, entry, pointerSize, address + stringsStart + strings.Count);
            strings.AddRange(Encoding.Unicode.GetBytes(name + "\0"));
            WritePointer(entries, entry + pointerSize, pointerSize, address + stringsStart + strings.Count);
            strings.AddRange(Encoding.Unicode.GetBytes(display + "\0"));
            var status = entry + (2 * pointerSize);
            var dwords = new[] { 0x20, state, state == Running ? 1 : 0, 0, 0, 0, 0, pid, 0 }; // SERVICE_WIN32_SHARE_PROCESS, ..., dwProcessId, dwServiceFlags
            for (var d = 0; d < dwords.Length; d++)
            {
                BitConverter.GetBytes(dwords[d]).CopyTo(entries, status + (4 * d));
            }
        }

        return entries.Concat(strings).ToArray();
    }

    private static void WritePointer(byte[] buffer, int offset, int pointerSize, long value)
    {
        if (pointerSize == 8)
        {
            BitConverter.GetBytes(value).CopyTo(buffer, offset);
        }
        else
        {
            BitConverter.GetBytes((uint)value).CopyTo(buffer, offset);
        }
    }
}
