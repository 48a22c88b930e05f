using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Hosts;

/// <summary>Load turns real file-system failures into Hosts.* errors with the path as target and a remedy.</summary>
public sealed class HostsLoadErrorTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-hosts-");

    public void Dispose() => _folder.Delete(true);

    [Fact]
    public void Missing_file_is_FileNotFound()
    {
        var path = Path.Combine(_folder.FullName, "no-such-hosts");
        var error = Assert.Throws<LoopbackToolsException>(() => HostsDocument.Load(path));
        Assert.Equal("Hosts.FileNotFound", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.Equal(path, error.TargetObject);
        Assert.NotEmpty(error.Remedy);
    }

    [Fact]
    public void Missing_folder_is_FileNotFound()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => HostsDocument.Load(Path.Combine(_folder.FullName, "gone", "hosts")));
        Assert.Equal("Hosts.FileNotFound", error.ErrorId);
    }

    [Fact]
    public void Directory_is_ReadFailed_not_AccessDenied()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => HostsDocument.Load(_folder.FullName));
        Assert.Equal("Hosts.ReadFailed", error.ErrorId);
        Assert.Contains("directory", error.Message, StringComparison.Ordinal);
        Assert.Equal(_folder.FullName, error.TargetObject);
    }

    [Fact]
    public void File_larger_than_any_hosts_file_is_refused_before_reading()
    {
        var path = Path.Combine(_folder.FullName, "huge");
        using (var sparse = File.Create(path))
        {
            sparse.SetLength(300L * 1024 * 1024); // sparse: costs no disk and no memory
        }

        var error = Assert.Throws<LoopbackToolsException>(() => HostsDocument.Load(path));
        Assert.Equal("Hosts.FileTooLarge", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Kind);
    }

    [Fact]
    public void File_without_a_length_is_read_to_its_end()
    {
        // /proc files report length 0 yet have content: the chunked path must read them.
        var document = HostsDocument.Load("/proc/self/status");
        Assert.NotEmpty(document.Lines);
        Assert.StartsWith("Name:", document.Lines[0].Text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Root ignores file modes, so the check drops to nobody's file-system identity (<see cref="NobodyFileSystemIdentity"/>):
    /// the kernel then really refuses the open, and setpriv + cat proves nobody cannot read the file either.
    /// </summary>
    [RequiresFact("setpriv", "cat")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void File_nobody_may_not_read_is_AccessDenied_for_nobody()
    {
        File.SetUnixFileMode(_folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var path = Path.Combine(_folder.FullName, "hosts");
        File.WriteAllText(path, "127.0.0.1 secret.test\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var cat = Run.Command("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "cat", path);
        Assert.NotEqual(0, cat.ExitCode);
        Assert.Contains("Permission denied", cat.Error, StringComparison.Ordinal);
        Assert.Single(HostsDocument.Load(path).Entries);

        var error = Assert.IsType<LoopbackToolsException>(NobodyFileSystemIdentity.Run(() => HostsDocument.Load(path)));
        Assert.Equal("Hosts.AccessDenied", error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Equal(path, error.TargetObject);
        Assert.IsType<UnauthorizedAccessException>(error.InnerException);
    }
}
