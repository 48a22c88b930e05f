using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// Inside containers /etc/hosts is a bind mount, which rename(2) cannot replace (EBUSY): the writer rewrites it in
/// place (issue 29). Each case builds the mounts in a child mount namespace (unshare --mount, private propagation)
/// and runs the writer probe there; what the namespace leaves behind is checked from outside through the same inodes,
/// or copied out by the script for a tmpfs that dies with the namespace.
/// </summary>
public sealed class HostsMountPointWriterTests : IDisposable
{
    // Mixed endings, a comment, no final newline: every byte must come through the in-place rewrite.
    private const string Original = "# container hosts\r\n127.0.0.1\tlocalhost\n::1 localhost ip6-localhost\n172.17.0.2 3f2a9c";
    private const string Edited = Original + "\n127.0.0.1 app.test\n";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-hosts-mount-");
    private readonly DirectoryInfo _elsewhere = Directory.CreateTempSubdirectory("lbt-hosts-mount-rw-");

    public HostsMountPointWriterTests()
    {
        HostsPath = Path.Combine(_folder.FullName, "hosts");
        File.WriteAllText(HostsPath, "the folder's own file, hidden by the mount\n");
        ContentPath = Path.Combine(_elsewhere.FullName, "content");
        File.WriteAllText(ContentPath, Edited);
    }

    private string HostsPath { get; }

    private string ContentPath { get; }

    public void Dispose()
    {
        _folder.Delete(true);
        _elsewhere.Delete(true);
    }

    /// <summary>Before the fix: Hosts.WriteFailed ("not a mount point"), and the backup was replaced anyway.</summary>
    [RequiresFact("unshare", "mount")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Bind_mounted_file_is_rewritten_in_place_with_a_backup_copy()
    {
        var mounted = Path.Combine(_elsewhere.FullName, "container-hosts");
        File.WriteAllText(mounted, Original);
        var inode = Inode(mounted);
        var backup = HostsPath + ".bak";

        var probe = InNamespace($"mount --bind '{mounted}' '{HostsPath}' && exec dotnet '{WriterProbe.AssemblyPath}' replace '{HostsPath}' '{ContentPath}' '{backup}'");

        Assert.True(probe.ExitCode == 0, probe.Error);
        Assert.Equal(Edited, File.ReadAllText(mounted));
        Assert.Equal(inode, Inode(mounted)); // the same file, written in place
        Assert.Equal(Original, File.ReadAllText(backup));
        Assert.Equal("the folder's own file, hidden by the mount\n", File.ReadAllText(HostsPath));
        Assert.Equal(new[] { ".hosts.lock", "hosts", "hosts.bak" }, Names(_folder));
    }

    /// <summary>
    /// A read-only root with a writable bind-mounted /etc/hosts: the sidecar lock cannot be created (EROFS), so the
    /// lock is taken on the file itself. Before the fix: Hosts.WriteDenied blaming a read-only file system.
    /// </summary>
    [RequiresFact("unshare", "mount")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Read_only_folder_with_a_writable_mounted_file_locks_the_file_itself()
    {
        var mounted = Path.Combine(_elsewhere.FullName, "container-hosts");
        File.WriteAllText(mounted, Original);
        var backup = Path.Combine(_elsewhere.FullName, "hosts.bak");
        var folder = _folder.FullName;
        var script = $"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' && mount --bind '{mounted}' '{HostsPath}' && exec dotnet '{WriterProbe.AssemblyPath}' replace '{HostsPath}' '{ContentPath}' '{backup}'";

        var probe = InNamespace(script);

        Assert.True(probe.ExitCode == 0, probe.Error);
        Assert.Equal(Edited, File.ReadAllText(mounted));
        Assert.Equal(Original, File.ReadAllText(backup));
        Assert.Equal(new[] { "hosts" }, Names(_folder));
    }

    /// <summary>
    /// The in-place write runs out of space (a 64 KiB tmpfs): the original bytes are written back, the error says so,
    /// and the older backup is kept. Before the fix: WriteFailed from EBUSY after the backup had been replaced.
    /// </summary>
    [RequiresFact("unshare", "mount")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Failed_in_place_write_puts_the_original_back_and_keeps_the_older_backup()
    {
        var small = Path.Combine(_elsewhere.FullName, "small");
        Directory.CreateDirectory(small);
        var source = Path.Combine(_elsewhere.FullName, "source");
        File.WriteAllText(source, Original);
        File.WriteAllText(ContentPath, Original + "\n" + string.Concat(Enumerable.Repeat("127.0.0.1 filler.test\n", 20_000)));
        var backup = HostsPath + ".bak";
        File.WriteAllText(backup, "older backup\n");
        var after = Path.Combine(_elsewhere.FullName, "after");
        var script = $"mount -t tmpfs -o size=64k tmpfs '{small}' && cp '{source}' '{small}/hosts' && mount --bind '{small}/hosts' '{HostsPath}' && " +
            $"dotnet '{WriterProbe.AssemblyPath}' replace '{HostsPath}' '{ContentPath}' '{backup}'; status=$?; cp '{small}/hosts' '{after}'; exit $status";

        var probe = InNamespace(script);

        Assert.Equal(2, probe.ExitCode);
        Assert.StartsWith("Hosts.WriteFailed", probe.Error, StringComparison.Ordinal);
        Assert.Contains("in place", probe.Error, StringComparison.Ordinal);
        Assert.Contains("written back, so it holds what it held before", probe.Error, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(after));
        Assert.Equal("older backup\n", File.ReadAllText(backup));
        Assert.Equal(new[] { "hosts", "hosts.bak" }, Names(_folder).Where(n => n != ".hosts.lock").ToArray());
    }

    private static ProcessResult InNamespace(string script) =>
        Run.Command("unshare", new[] { "--mount", "--propagation", "private", "bash", "-c", script }, TimeSpan.FromSeconds(120));

    private static string Inode(string path) => Run.Command("stat", "-c", "%i", path).Output.Trim();

    private static string[] Names(DirectoryInfo folder) => folder.GetFileSystemInfos().Select(f => f.Name).Order(StringComparer.Ordinal).ToArray();
}
