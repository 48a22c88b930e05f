using System.Runtime.InteropServices;
using LoopbackTools.Hosts;
using LoopbackTools.Native;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// The open(2) flag table per platform (issue 29), against the values in the headers: Linux's
/// include/uapi/asm-generic/fcntl.h and arch/arm64/include/uapi/asm/fcntl.h (octal there), Apple's sys/fcntl.h and
/// sys/errno.h. Before the fix the writer used the x86-64 numbers on every Linux (on ARM 0x20000 is O_LARGEFILE:
/// links were followed) and never asked for O_NOFOLLOW on macOS's lock.
/// </summary>
public sealed class UnixOpenFlagsTests
{
    [Fact]
    public void Linux_generic_values_are_asm_generic_fcntl_h()
    {
        var flags = UnixOpenFlags.LinuxGeneric;
        Assert.Equal(Convert.ToInt32("100", 8), flags.Create);
        Assert.Equal(Convert.ToInt32("400", 8), flags.NoControllingTerminal);
        Assert.Equal(Convert.ToInt32("4000", 8), flags.NonBlocking);
        Assert.Equal(Convert.ToInt32("200000", 8), flags.Directory);
        Assert.Equal(Convert.ToInt32("400000", 8), flags.NoFollow);
        Assert.Equal(Convert.ToInt32("2000000", 8), flags.CloseOnExec);
        Assert.Equal(Convert.ToInt32("10000000", 8), flags.Path);
        Assert.Equal((11, 40, 17), (flags.WouldBlock, flags.TooManyLinks, flags.FileExists));
    }

    [Fact]
    public void Linux_on_arm_moves_directory_and_nofollow()
    {
        var flags = UnixOpenFlags.LinuxArm;
        Assert.Equal(Convert.ToInt32("40000", 8), flags.Directory);
        Assert.Equal(Convert.ToInt32("100000", 8), flags.NoFollow);
        Assert.Equal(UnixOpenFlags.LinuxGeneric.Create, flags.Create);
        Assert.Equal(UnixOpenFlags.LinuxGeneric.CloseOnExec, flags.CloseOnExec);
        Assert.Equal(UnixOpenFlags.LinuxGeneric.Path, flags.Path);
    }

    [Fact]
    public void MacOS_values_are_sys_fcntl_h()
    {
        var flags = UnixOpenFlags.MacOS;
        Assert.Equal(0x200, flags.Create);
        Assert.Equal(0x100, flags.NoFollow);
        Assert.Equal(0x1000000, flags.CloseOnExec);
        Assert.Equal(0x4, flags.NonBlocking);
        Assert.Equal(0x100000, flags.Directory);
        Assert.Equal(0x20000, flags.NoControllingTerminal);
        Assert.Equal((35, 62, 17), (flags.WouldBlock, flags.TooManyLinks, flags.FileExists));
    }

    [Fact]
    public void Access_modes_are_the_same_everywhere_and_no_flag_overlaps_another()
    {
        foreach (var flags in new[] { UnixOpenFlags.LinuxGeneric, UnixOpenFlags.LinuxArm, UnixOpenFlags.MacOS })
        {
            Assert.Equal((0, 1, 2), (flags.ReadOnly, flags.WriteOnly, flags.ReadWrite));
            var bits = new[] { flags.Create, flags.NoControllingTerminal, flags.NonBlocking, flags.Directory, flags.NoFollow, flags.CloseOnExec, flags.Path }.Where(b => b != 0).ToArray();
            Assert.All(bits, b => Assert.Equal(1, System.Numerics.BitOperations.PopCount((uint)b)));
            Assert.Equal(bits.Length, bits.Distinct().Count());
            Assert.All(bits, b => Assert.True(b > 3, flags + ": a flag must not touch the access mode bits"));
        }
    }

    [Theory]
    [InlineData(true, Architecture.Arm64, "macOS")]
    [InlineData(true, Architecture.X64, "macOS")]
    [InlineData(false, Architecture.X64, "Linux")]
    [InlineData(false, Architecture.Arm64, "Linux on ARM")]
    [InlineData(false, Architecture.Arm, "Linux on ARM")]
    public void Table_is_chosen_by_platform_and_architecture(bool macOS, Architecture architecture, string expected)
    {
        Assert.Equal(expected, UnixOpenFlags.For(macOS, architecture).Platform);
    }

    /// <summary>The table this process uses agrees with the kernel it runs on: O_NOFOLLOW on a link fails with its ELOOP.</summary>
    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void This_kernel_refuses_a_link_with_the_current_nofollow_value()
    {
        var folder = Directory.CreateTempSubdirectory("lbt-open-flags-");
        try
        {
            var target = Path.Combine(folder.FullName, "target");
            File.WriteAllText(target, "x");
            var link = Path.Combine(folder.FullName, "link");
            File.CreateSymbolicLink(link, target);

            var fd = UnixNative.open(UnixNative.PathBytes(link), UnixNative.NoFollow | UnixNative.CloseOnExec);
            var errno = Marshal.GetLastWin32Error();

            Assert.Equal(-1, fd);
            Assert.Equal(UnixOpenFlags.Current.TooManyLinks, errno);
        }
        finally
        {
            folder.Delete(true);
        }
    }
}
