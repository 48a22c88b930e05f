using System.Buffers.Binary;
using System.Globalization;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// The Windows sidecar lock's security descriptor (issue 29), decoded here field by field as the Windows SDK lays out
/// SECURITY_DESCRIPTOR_RELATIVE, ACL, ACCESS_ALLOWED_ACE and SID (winnt.h) and written back as SDDL with the SIDs
/// and mask spelled out: it must read D:P(A;;FA;;;BA)(A;;FA;;;SY) and nothing more. (.NET's own parser,
/// System.Security.AccessControl, is Windows-only.) CreateFileW itself is not run on this Linux machine.
/// </summary>
public sealed class WindowsLockSecurityTests
{
    [Fact]
    public void Descriptor_reads_as_the_sddl_with_administrators_and_system_only()
    {
        Assert.Equal(
            "D:P(A;;0x1F01FF;;;S-1-5-32-544)(A;;0x1F01FF;;;S-1-5-18)",
            Decode(WindowsLockSecurity.SelfRelativeDescriptor()));
        // The same with SDDL's short names: FA = FILE_ALL_ACCESS, BA = Administrators, SY = LocalSystem.
        Assert.Equal("D:P(A;;FA;;;BA)(A;;FA;;;SY)", WindowsLockSecurity.Sddl);
        Assert.Equal(0x1F01FFu, WindowsLockSecurity.FileAllAccess);
    }

    [Fact]
    public void Header_is_self_relative_with_no_owner_group_or_sacl()
    {
        var bytes = WindowsLockSecurity.SelfRelativeDescriptor();
        Assert.Equal(1, bytes[0]); // SECURITY_DESCRIPTOR_REVISION
        var control = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2));
        Assert.Equal(0x8000 | 0x1000 | 0x0004, control); // SE_SELF_RELATIVE | SE_DACL_PROTECTED | SE_DACL_PRESENT, nothing else
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4))); // owner: the creator's default
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8))); // group
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(12))); // SACL
        var dacl = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16));
        Assert.Equal(bytes.Length, dacl + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(dacl + 2))); // the ACL ends the buffer
    }

    /// <summary>An independent reader of the binary layout: SDDL with numeric masks and full SIDs.</summary>
    private static string Decode(byte[] bytes)
    {
        var control = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(2));
        var dacl = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(16));
        Assert.Equal(2, bytes[dacl]); // ACL_REVISION
        var count = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(dacl + 4));
        var text = "D:" + ((control & 0x1000) != 0 ? "P" : string.Empty);
        var at = dacl + 8;
        for (var i = 0; i < count; i++)
        {
            var type = bytes[at] switch { 0 => "A", 1 => "D", _ => "?" };
            var flags = bytes[at + 1] == 0 ? string.Empty : bytes[at + 1].ToString("X", CultureInfo.InvariantCulture);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 2));
            var mask = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            text += $"({type};{flags};0x{mask:X};;;{Sid(bytes.AsSpan(at + 8, size - 8))})";
            at += size;
        }

        return text;
    }

    private static string Sid(ReadOnlySpan<byte> sid)
    {
        var authority = 0L;
        for (var i = 2; i < 8; i++)
        {
            authority = (authority << 8) | sid[i];
        }

        var text = $"S-{sid[0]}-{authority}";
        for (var i = 0; i < sid[1]; i++)
        {
            text += "-" + BinaryPrimitives.ReadUInt32LittleEndian(sid.Slice(8 + (4 * i))).ToString(CultureInfo.InvariantCulture);
        }

        Assert.Equal(8 + (4 * sid[1]), sid.Length); // the ACE holds exactly the SID
        return text;
    }
}
