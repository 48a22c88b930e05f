using System.Runtime.InteropServices;
using LoopbackTools.Hosts;
using LoopbackTools.Native;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// The lock opening macOS uses (issue 29): never open(2) with O_CREAT and its variadic mode, but O_NOFOLLOW open, else
/// mkostemp (0600) + link(2). Only fixed-argument POSIX calls, so the same code runs here, on a real file system.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class HostsLockWithoutCreateModeTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-lock-link-");

    private string LockPath => Path.Combine(_folder.FullName, ".hosts.lock");

    public void Dispose() => _folder.Delete(true);

    [Fact]
    public void Absent_lock_is_created_0600_under_its_name_with_nothing_left_beside_it()
    {
        var fd = HostsWriteLock.OpenOrCreateByLink(LockPath, out var errno);
        try
        {
            Assert.True(fd >= 0, "errno " + errno);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LockPath));
            Assert.Equal(new[] { ".hosts.lock" }, _folder.GetFiles().Select(f => f.Name));
            Assert.Equal(Inode(LockPath), Inode($"/proc/{Environment.ProcessId}/fd/{fd}"));
        }
        finally
        {
            UnixNative.close(fd);
        }
    }

    [Fact]
    public void Existing_lock_is_opened_not_replaced()
    {
        File.WriteAllText(LockPath, string.Empty);
        var before = Inode(LockPath);

        var fd = HostsWriteLock.OpenOrCreateByLink(LockPath, out _);
        try
        {
            Assert.Equal(before, Inode($"/proc/{Environment.ProcessId}/fd/{fd}"));
        }
        finally
        {
            UnixNative.close(fd);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Link_in_its_place_is_refused_and_its_target_neither_created_nor_opened(bool targetExists)
    {
        var victim = Path.Combine(_folder.FullName, "victim");
        if (targetExists)
        {
            File.WriteAllText(victim, "keep");
        }

        File.CreateSymbolicLink(LockPath, victim);

        var fd = HostsWriteLock.OpenOrCreateByLink(LockPath, out var errno);

        Assert.Equal(-1, fd);
        Assert.Equal(UnixOpenFlags.Current.TooManyLinks, errno);
        Assert.Equal(targetExists, File.Exists(victim));
        var expected = targetExists ? new[] { ".hosts.lock", "victim" } : new[] { ".hosts.lock" };
        Assert.Equal(expected, _folder.GetFileSystemInfos().Select(f => f.Name).Order(StringComparer.Ordinal)); // no unique file left behind
        if (targetExists)
        {
            Assert.Equal("keep", File.ReadAllText(victim));
        }
    }

    [Fact]
    public void Two_holders_exclude_each_other_through_flock()
    {
        var first = HostsWriteLock.OpenOrCreateByLink(LockPath, out _);
        var second = HostsWriteLock.OpenOrCreateByLink(LockPath, out _);
        try
        {
            Assert.Equal(0, UnixNative.flock((IntPtr)first, UnixNative.LockExclusive | UnixNative.LockNonBlocking));
            Assert.Equal(-1, UnixNative.flock((IntPtr)second, UnixNative.LockExclusive | UnixNative.LockNonBlocking));
            Assert.Equal(UnixOpenFlags.Current.WouldBlock, Marshal.GetLastWin32Error());
        }
        finally
        {
            UnixNative.close(first);
            UnixNative.close(second);
        }
    }

    private static string Inode(string path) => Components.Run.Command("stat", "-L", "-c", "%d:%i", path).Output.Trim();
}
