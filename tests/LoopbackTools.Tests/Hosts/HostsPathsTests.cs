using System.Runtime.InteropServices;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

public sealed class HostsPathsTests
{
    [Fact]
    public void Each_os_has_its_own_hosts_file()
    {
        Assert.Equal("/etc/hosts", HostsPaths.ForPlatform(OSPlatform.Linux, null));
        Assert.Equal("/private/etc/hosts", HostsPaths.ForPlatform(OSPlatform.OSX, null));
        Assert.Equal(@"D:\Win\System32\drivers\etc\hosts", HostsPaths.ForPlatform(OSPlatform.Windows, @"D:\Win\"));
        Assert.Equal(@"C:\Windows\System32\drivers\etc\hosts", HostsPaths.ForPlatform(OSPlatform.Windows, null));
    }

    [Fact]
    public void Default_here_is_the_linux_file_and_it_loads()
    {
        Assert.Equal("/etc/hosts", HostsPaths.Default);
        Assert.Contains(HostsDocument.Load(HostsPaths.Default).Entries, e => e.HostName == "localhost" && e.IsLoopback);
    }
}
