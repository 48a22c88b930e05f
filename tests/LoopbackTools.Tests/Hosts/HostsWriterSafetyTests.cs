using System.Runtime.InteropServices;
using System.Text;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// What the writer refuses or keeps on a real file system (issue 29): a backup path that is the file itself,
/// the lock file's mode and links, the immutable attribute, and the ACL and SELinux label of the original.
/// </summary>
public sealed class HostsWriterSafetyTests : IDisposable
{
    private const string Original = "127.0.0.1 localhost\n::1 localhost\n";
    private const string Edited = "127.0.0.1 localhost\n::1 localhost\n127.0.0.1 app.test\n";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-hosts-safety-");

    public HostsWriterSafetyTests()
    {
        HostsPath = Path.Combine(_folder.FullName, "hosts");
        File.WriteAllText(HostsPath, Original);
    }

    private string HostsPath { get; }

    public void Dispose()
    {
        if (OperatingSystem.IsLinux())
        {
            Run.Command("chattr", "-i", HostsPath);
        }

        _folder.Delete(true);
    }

    public static TheoryData<string> SpellingsOfTheFileItself() => new() { "same path", "another spelling", "symbolic link", "hard link" };

    /// <summary>Before the fix the backup path was unlinked first, leaving the folder without a hosts file.</summary>
    [Theory]
    [MemberData(nameof(SpellingsOfTheFileItself))]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Backup_that_is_the_file_itself_is_refused_before_anything_is_touched(string spelling)
    {
        var backup = spelling switch
        {
            "same path" => HostsPath,
            "another spelling" => Path.Combine(_folder.FullName, ".", "..", _folder.Name, "hosts"),
            _ => Path.Combine(_folder.FullName, "alias"),
        };
        if (spelling == "symbolic link")
        {
            File.CreateSymbolicLink(backup, HostsPath);
        }
        else if (spelling == "hard link")
        {
            Assert.Equal(0, Run.Command("ln", HostsPath, backup).ExitCode);
        }

        var error = Assert.Throws<LoopbackToolsException>(() => HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), backup));

        Assert.Equal("Hosts.BackupIsTarget", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("-NoBackup", error.Remedy, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(HostsPath));
        Assert.DoesNotContain(".hosts.lock", Names()); // refused before the lock was even taken
        Assert.Empty(HostsFileWriter.TemporaryFiles(HostsPath));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Backup_in_another_letter_case_is_another_file_on_a_case_sensitive_volume()
    {
        var upper = Path.Combine(_folder.FullName, "HOSTS");
        HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), upper);
        Assert.Equal(Original, File.ReadAllText(upper));
        Assert.Equal(Edited, File.ReadAllText(HostsPath));
    }

    /// <summary>Before the fix the lock was created 0644, so any user could open it and hold flock for 30 s.</summary>
    [RequiresFact("stat")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Lock_file_is_created_0600_and_an_older_0644_one_is_narrowed()
    {
        HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), null);
        var lockPath = Path.Combine(_folder.FullName, ".hosts.lock");
        Assert.Equal("600", Run.Command("stat", "-c", "%a", lockPath).Output.Trim());

        File.SetUnixFileMode(lockPath, (UnixFileMode)Convert.ToInt32("644", 8));
        HostsFileWriter.Write(HostsPath, Bytes(Edited), Bytes(Original), null);
        Assert.Equal("600", Run.Command("stat", "-c", "%a", lockPath).Output.Trim());
        Assert.Equal(Original, File.ReadAllText(HostsPath));
    }

    /// <summary>Before the fix the lock was opened following links: a planted link made root create or lock any file.</summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Lock_file_that_is_a_symbolic_link_is_not_followed()
    {
        var elsewhere = Path.Combine(_folder.FullName, "victim");
        File.WriteAllText(elsewhere, "keep");
        File.SetUnixFileMode(elsewhere, (UnixFileMode)Convert.ToInt32("644", 8));
        File.CreateSymbolicLink(Path.Combine(_folder.FullName, ".hosts.lock"), elsewhere);

        var error = Assert.Throws<LoopbackToolsException>(() => HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), null));

        Assert.Equal("Hosts.WriteFailed", error.ErrorId);
        Assert.Contains("symbolic link", error.Message, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(HostsPath));
        Assert.Equal("keep", File.ReadAllText(elsewhere));
        Assert.Equal((UnixFileMode)Convert.ToInt32("644", 8), File.GetUnixFileMode(elsewhere));
    }

    /// <summary>Before the fix an immutable file (chattr +i) was reported as "not elevated". Needs a file system with chattr (ext4 /tmp here).</summary>
    [RequiresFact("chattr")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Immutable_file_is_FileImmutable_with_the_chattr_remedy()
    {
        var set = Run.Command("chattr", "+i", HostsPath);
        Assert.True(set.ExitCode == 0, "chattr +i failed on " + _folder.FullName + " (this file system has no immutable attribute): " + set.Error);

        var error = Assert.Throws<LoopbackToolsException>(() => HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), HostsFileWriter.DefaultBackupPath(HostsPath)));

        Assert.Equal("Hosts.FileImmutable", error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("chattr -i", error.Remedy, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(HostsPath));
        Assert.False(File.Exists(HostsPath + ".bak"));
    }

    /// <summary>Before the fix the replacement got the folder's defaults: the ACL entry and the label were gone.</summary>
    [RequiresFact("setfacl", "getfacl")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Acl_and_SELinux_label_of_the_original_are_kept()
    {
        var acl = Run.Command("setfacl", "-m", "u:65534:rw", HostsPath);
        Assert.True(acl.ExitCode == 0, "setfacl failed (no POSIX ACLs on this file system): " + acl.Error);
        var label = Encoding.ASCII.GetBytes("system_u:object_r:net_conf_t:s0\0");
        Assert.True(lsetxattr(HostsPath, "security.selinux", label, (UIntPtr)label.Length, 0) == 0, "security.selinux could not be set: errno " + Marshal.GetLastWin32Error());

        HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), HostsFileWriter.DefaultBackupPath(HostsPath));

        Assert.Equal(Edited, File.ReadAllText(HostsPath));
        Assert.Contains("user:65534:rw-", Run.Command("getfacl", "-n", HostsPath).Output, StringComparison.Ordinal);
        var kept = new byte[256];
        var length = (long)lgetxattr(HostsPath, "security.selinux", kept, (UIntPtr)kept.Length);
        Assert.Equal(label, kept.Take((int)Math.Max(length, 0)).ToArray());
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private string[] Names() => _folder.GetFileSystemInfos().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();

    [DllImport("libc", SetLastError = true)]
    private static extern IntPtr lgetxattr(string path, string name, byte[] value, UIntPtr size);

    [DllImport("libc", SetLastError = true)]
    private static extern int lsetxattr(string path, string name, byte[] value, UIntPtr size, int flags);
}
