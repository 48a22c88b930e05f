using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace LoopbackTools.Hosts;

/// <summary>
/// The sidecar lock on Windows: created with a security descriptor that gives Administrators and SYSTEM full
/// access and nobody else any (SDDL <c>D:P(A;;FA;;;BA)(A;;FA;;;SY)</c>, protected from inheriting the folder's
/// entries), so a standard user cannot open it and hold the lock, and opened without following a reparse point
/// (a link planted in its place is opened as itself, never its target). The descriptor is laid out here in its
/// self-relative binary form, as CreateFileW takes it in SECURITY_ATTRIBUTES, rather than converted from SDDL by
/// advapi32, so its bytes are tested on any OS; the Windows calls themselves are not run on this Linux machine.
/// A sidecar that already exists keeps its ACL (CreateFileW applies the descriptor only when it creates the file).
/// </summary>
internal static class WindowsLockSecurity
{
    public const string Sddl = "D:P(A;;FA;;;BA)(A;;FA;;;SY)";

    /// <summary>FILE_ALL_ACCESS, what SDDL's FA stands for.</summary>
    public const uint FileAllAccess = 0x001F01FF;

    private const ushort DaclPresent = 0x0004; // SE_DACL_PRESENT
    private const ushort DaclProtected = 0x1000; // SE_DACL_PROTECTED: P, no inherited entries
    private const ushort SelfRelative = 0x8000; // SE_SELF_RELATIVE
    private const int HeaderLength = 20; // SECURITY_DESCRIPTOR_RELATIVE
    private const byte AclRevision = 2;
    private const byte AccessAllowedAceType = 0;

    private const uint GenericRead = 0x80000000;
    private const uint GenericWrite = 0x40000000;
    private const uint OpenAlways = 4;
    private const uint AttributeNormal = 0x80;
    private const uint OpenReparsePoint = 0x00200000; // FILE_FLAG_OPEN_REPARSE_POINT: the link itself, never its target

    /// <summary>S-1-5-32-544 (BUILTIN\Administrators) and S-1-5-18 (LocalSystem), binary SIDs.</summary>
    internal static readonly byte[] Administrators = Sid(5, 32, 544);
    internal static readonly byte[] LocalSystem = Sid(5, 18);

    /// <summary>The self-relative SECURITY_DESCRIPTOR: header, then the DACL (two ACCESS_ALLOWED_ACEs); no owner, group or SACL.</summary>
    public static byte[] SelfRelativeDescriptor()
    {
        var aces = new[] { Ace(Administrators), Ace(LocalSystem) };
        var aclLength = 8;
        foreach (var ace in aces)
        {
            aclLength += ace.Length;
        }

        var descriptor = new byte[HeaderLength + aclLength];
        descriptor[0] = 1; // Revision
        WriteUInt16(descriptor, 2, DaclPresent | DaclProtected | SelfRelative);
        WriteUInt32(descriptor, 16, HeaderLength); // OffsetDacl; owner, group and SACL offsets stay 0
        descriptor[HeaderLength] = AclRevision;
        WriteUInt16(descriptor, HeaderLength + 2, (ushort)aclLength);
        WriteUInt16(descriptor, HeaderLength + 4, (ushort)aces.Length);
        var at = HeaderLength + 8;
        foreach (var ace in aces)
        {
            Buffer.BlockCopy(ace, 0, descriptor, at, ace.Length);
            at += ace.Length;
        }

        return descriptor;
    }

    /// <summary>Opens (creating with the descriptor) the sidecar, exclusively; a held lock is a sharing violation (IOException HResult 0x80070020).</summary>
    public static SafeFileHandle OpenLock(string lockPath)
    {
        var descriptor = GCHandle.Alloc(SelfRelativeDescriptor(), GCHandleType.Pinned);
        try
        {
            var attributes = new WindowsSecurityAttributes { Length = Marshal.SizeOf<WindowsSecurityAttributes>(), Descriptor = descriptor.AddrOfPinnedObject() };
            var handle = CreateFileW(lockPath, GenericRead | GenericWrite, 0, ref attributes, OpenAlways, AttributeNormal | OpenReparsePoint, IntPtr.Zero);
            if (handle.IsInvalid)
            {
                var error = Marshal.GetLastWin32Error();
                handle.Dispose();
                if (error == WindowsFileReplacer.AccessDenied)
                {
                    throw new UnauthorizedAccessException($"Access to the lock file '{lockPath}' is denied.");
                }

                throw new IOException($"the lock file '{lockPath}' could not be opened ({new Win32Exception(error).Message}).", unchecked((int)0x80070000) | error);
            }

            return handle;
        }
        finally
        {
            descriptor.Free();
        }
    }

    private static byte[] Ace(byte[] sid)
    {
        var ace = new byte[8 + sid.Length];
        ace[0] = AccessAllowedAceType;
        WriteUInt16(ace, 2, (ushort)ace.Length); // AceFlags 0: not inherited by anything, as a file has no children
        WriteUInt32(ace, 4, FileAllAccess);
        Buffer.BlockCopy(sid, 0, ace, 8, sid.Length);
        return ace;
    }

    /// <summary>Revision 1, sub-authority count, the 48-bit big-endian identifier authority, then little-endian sub-authorities.</summary>
    private static byte[] Sid(byte authority, params uint[] subAuthorities)
    {
        var sid = new byte[8 + (4 * subAuthorities.Length)];
        sid[0] = 1;
        sid[1] = (byte)subAuthorities.Length;
        sid[7] = authority;
        for (var i = 0; i < subAuthorities.Length; i++)
        {
            WriteUInt32(sid, 8 + (4 * i), subAuthorities[i]);
        }

        return sid;
    }

    private static void WriteUInt16(byte[] buffer, int offset, int value)
    {
        buffer[offset] = (byte)value;
        buffer[offset + 1] = (byte)(value >> 8);
    }

    private static void WriteUInt32(byte[] buffer, int offset, uint value)
    {
        WriteUInt16(buffer, offset, (int)(value & 0xFFFF));
        WriteUInt16(buffer, offset + 2, (int)(value >> 16));
    }

    [DllImport("kernel32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern SafeFileHandle CreateFileW(string fileName, uint desiredAccess, uint shareMode, ref WindowsSecurityAttributes securityAttributes, uint creationDisposition, uint flagsAndAttributes, IntPtr templateFile);

}
