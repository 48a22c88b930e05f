using System.Text;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Hosts;

/// <summary>Safe replacement on a real file system: backup, concurrency check, mode and owner, links, refusals.</summary>
public sealed class HostsFileWriterTests : IDisposable
{
    private const string Original = "127.0.0.1 localhost\n::1 localhost\n";
    private const string Edited = "127.0.0.1 localhost\n::1 localhost\n127.0.0.1 app.test\n";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-hosts-write-");

    public HostsFileWriterTests()
    {
        HostsPath = Path.Combine(_folder.FullName, "hosts");
        File.WriteAllText(HostsPath, Original);
    }

    private string HostsPath { get; }

    public void Dispose() => _folder.Delete(true);

    [Fact]
    public void Edit_is_written_and_the_old_file_kept_as_backup()
    {
        var document = HostsDocument.Load(HostsPath);
        var editor = new HostsEditor(document);
        editor.Add("127.0.0.1", "app.test", null, null, false);
        HostsFileWriter.Write(editor.Build(), document, HostsFileWriter.DefaultBackupPath(HostsPath));

        Assert.Equal(Edited, File.ReadAllText(HostsPath));
        Assert.Equal(Original, File.ReadAllText(HostsPath + ".bak"));
        Assert.Empty(HostsFileWriter.TemporaryFiles(HostsPath));
        Assert.Equal(new[] { ".hosts.lock", "hosts", "hosts.bak" }, Names());
    }

    [Fact]
    public void Without_backup_only_the_file_changes_and_a_chosen_backup_path_is_used()
    {
        HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), null);
        Assert.Equal(new[] { ".hosts.lock", "hosts" }, Names());

        var chosen = Path.Combine(_folder.FullName, "hosts.before-app");
        HostsFileWriter.Write(HostsPath, Bytes(Edited), Bytes(Original), chosen);
        Assert.Equal(Edited, File.ReadAllText(chosen));
        Assert.Equal(Original, File.ReadAllText(HostsPath));
    }

    [Fact]
    public void File_changed_since_it_was_read_is_left_alone()
    {
        var document = HostsDocument.Load(HostsPath);
        var editor = new HostsEditor(document);
        editor.Add("127.0.0.1", "app.test", null, null, false);
        var result = editor.Build();
        File.AppendAllText(HostsPath, "192.0.2.1 someone-else.test\n");

        var error = Assert.Throws<LoopbackToolsException>(() => HostsFileWriter.Write(result, document, HostsFileWriter.DefaultBackupPath(HostsPath)));
        Assert.Equal("Hosts.ConcurrentModification", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidOperation, error.Kind);
        Assert.Equal(Original + "192.0.2.1 someone-else.test\n", File.ReadAllText(HostsPath));
        Assert.False(File.Exists(HostsPath + ".bak"));
        Assert.Empty(HostsFileWriter.TemporaryFiles(HostsPath));
    }

    [Fact]
    public void Missing_file_is_FileNotFound()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => HostsFileWriter.Write(Path.Combine(_folder.FullName, "gone"), Bytes(Original), Bytes(Edited), null));
        Assert.Equal("Hosts.FileNotFound", error.ErrorId);
    }

    [Fact]
    public void Temporary_file_of_a_killed_writer_is_removed_by_the_next_write()
    {
        var stale = Path.Combine(_folder.FullName, ".hosts.0123456789ab.tmp");
        File.WriteAllText(stale, "127.0.0.1 half-writ");
        HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), null);
        Assert.False(File.Exists(stale));
        Assert.Equal(Edited, File.ReadAllText(HostsPath));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Symbolic_link_stays_a_link_and_its_target_is_replaced()
    {
        var real = Path.Combine(_folder.FullName, "hosts.real");
        File.Move(HostsPath, real);
        File.CreateSymbolicLink(HostsPath, "hosts.real");
        HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), HostsFileWriter.DefaultBackupPath(HostsPath));

        Assert.Equal("hosts.real", new FileInfo(HostsPath).LinkTarget);
        Assert.Equal(Edited, File.ReadAllText(real));
        Assert.Equal(Original, File.ReadAllText(HostsPath + ".bak"));
    }

    [RequiresFact("stat")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Mode_and_owner_of_the_original_are_kept()
    {
        Assert.Equal(0, Run.Command("chown", "65534:65534", HostsPath).ExitCode);
        File.SetUnixFileMode(HostsPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Assert.Equal("65534:65534 640", StatOf(HostsPath));

        HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Edited), HostsFileWriter.DefaultBackupPath(HostsPath));
        Assert.Equal(Edited, File.ReadAllText(HostsPath));
        Assert.Equal("65534:65534 640", StatOf(HostsPath));
        Assert.Equal("65534:65534 640", StatOf(HostsPath + ".bak"));
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Statx_and_the_mode_only_fallback_read_the_same_mode()
    {
        File.SetUnixFileMode(HostsPath, (UnixFileMode)Convert.ToInt32("4751", 8));
        var full = UnixFileMetadata.Read(HostsPath);
        Assert.Equal(Convert.ToUInt32("4751", 8), full.Mode);
        Assert.Equal(full.Mode, UnixFileMetadata.ReadModeOnly(HostsPath).Mode);
        Assert.Equal(uint.MaxValue, UnixFileMetadata.ReadModeOnly(HostsPath).Uid);
    }

    /// <summary>What a user who is not elevated meets: a readable /etc/hosts in a folder only root may write.</summary>
    [RequiresFact("stat")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Not_elevated_is_WriteDenied_and_nothing_changes()
    {
        File.SetUnixFileMode(_folder.FullName, (UnixFileMode)Convert.ToInt32("755", 8));
        File.SetUnixFileMode(HostsPath, (UnixFileMode)Convert.ToInt32("644", 8));
        foreach (var lockExists in new[] { false, true })
        {
            if (lockExists)
            {
                HostsFileWriter.Write(HostsPath, Bytes(Original), Bytes(Original), null); // as root: leaves the sidecar lock file
            }

            var document = HostsDocument.Load(HostsPath);
            var editor = new HostsEditor(document);
            editor.Add("127.0.0.1", "app.test", null, null, false);
            var result = editor.Build();
            var error = Assert.IsType<LoopbackToolsException>(NobodyFileSystemIdentity.Run(() => HostsFileWriter.Write(result, document, HostsFileWriter.DefaultBackupPath(HostsPath))));

            Assert.Equal("Hosts.WriteDenied", error.ErrorId);
            Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
            Assert.Contains("sudo", error.Remedy, StringComparison.Ordinal);
            Assert.Equal(Original, File.ReadAllText(HostsPath));
            Assert.Empty(HostsFileWriter.TemporaryFiles(HostsPath));
            Assert.False(File.Exists(HostsPath + ".bak"));
        }
    }

    /// <summary>
    /// A read-only mount refuses even root. The mount exists only in a child mount namespace (unshare --mount),
    /// where the writer probe runs; the test checks the file from outside, through the same inode.
    /// </summary>
    [RequiresFact("unshare", "mount")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Read_only_mount_is_WriteDenied_and_nothing_changes()
    {
        var folder = _folder.FullName;
        var script = $"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' && exec dotnet '{WriterProbe.AssemblyPath}' add '{HostsPath}' 127.0.0.1 app.test";
        var probe = Run.Command("unshare", new[] { "--mount", "--propagation", "private", "bash", "-c", script }, TimeSpan.FromSeconds(120), stdin: "go\n");

        Assert.Equal(2, probe.ExitCode);
        Assert.StartsWith("Hosts.WriteDenied", probe.Error, StringComparison.Ordinal);
        Assert.Contains("read-only", probe.Error, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(HostsPath));
        Assert.Equal(new[] { "hosts" }, Names());
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string StatOf(string path) => Run.Command("stat", "-c", "%u:%g %a", path).Output.Trim();

    private string[] Names() => _folder.GetFiles().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
}
