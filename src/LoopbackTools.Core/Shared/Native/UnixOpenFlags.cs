using System.Runtime.InteropServices;

namespace LoopbackTools.Native;

/// <summary>
/// open(2) flag values and the errno values read with them, per platform: they differ between Linux's generic ABI
/// (x86-64, RISC-V...), Linux on ARM (O_DIRECTORY and O_NOFOLLOW moved: there 0x20000 is O_LARGEFILE, so the generic
/// value would silently follow links) and macOS (sys/fcntl.h: O_CREAT 0x200, O_NOFOLLOW 0x100, O_CLOEXEC 0x1000000).
/// The values are copied from the kernel's uapi headers (include/uapi/asm-generic/fcntl.h,
/// arch/arm64/include/uapi/asm/fcntl.h) and Apple's sys/fcntl.h and sys/errno.h.
/// </summary>
internal sealed class UnixOpenFlags
{
    public static readonly UnixOpenFlags LinuxGeneric = new("Linux", create: 0x40, noControllingTerminal: 0x100, nonBlocking: 0x800, directory: 0x10000, noFollow: 0x20000, closeOnExec: 0x80000, path: 0x200000, wouldBlock: 11, tooManyLinks: 40, fileExists: 17);

    public static readonly UnixOpenFlags LinuxArm = new("Linux on ARM", create: 0x40, noControllingTerminal: 0x100, nonBlocking: 0x800, directory: 0x4000, noFollow: 0x8000, closeOnExec: 0x80000, path: 0x200000, wouldBlock: 11, tooManyLinks: 40, fileExists: 17);

    /// <summary>macOS has no O_PATH (0: not available).</summary>
    public static readonly UnixOpenFlags MacOS = new("macOS", create: 0x200, noControllingTerminal: 0x20000, nonBlocking: 0x4, directory: 0x100000, noFollow: 0x100, closeOnExec: 0x1000000, path: 0, wouldBlock: 35, tooManyLinks: 62, fileExists: 17);

    private UnixOpenFlags(string platform, int create, int noControllingTerminal, int nonBlocking, int directory, int noFollow, int closeOnExec, int path, int wouldBlock, int tooManyLinks, int fileExists)
    {
        Platform = platform;
        Create = create;
        NoControllingTerminal = noControllingTerminal;
        NonBlocking = nonBlocking;
        Directory = directory;
        NoFollow = noFollow;
        CloseOnExec = closeOnExec;
        Path = path;
        WouldBlock = wouldBlock;
        TooManyLinks = tooManyLinks;
        FileExists = fileExists;
    }

    /// <summary>This process's table.</summary>
    public static UnixOpenFlags Current { get; } = For(
        RuntimeInformation.IsOSPlatform(OSPlatform.OSX),
        RuntimeInformation.ProcessArchitecture);

    public string Platform { get; }

    /// <summary>O_RDONLY, O_WRONLY, O_RDWR are 0, 1, 2 everywhere.</summary>
    public int ReadOnly => 0;

    public int WriteOnly => 1;

    public int ReadWrite => 2;

    public int Create { get; }

    public int NoControllingTerminal { get; }

    public int NonBlocking { get; }

    public int Directory { get; }

    public int NoFollow { get; }

    public int CloseOnExec { get; }

    public int Path { get; }

    /// <summary>EWOULDBLOCK (flock with LOCK_NB on a held lock).</summary>
    public int WouldBlock { get; }

    /// <summary>ELOOP: O_NOFOLLOW met a symbolic link.</summary>
    public int TooManyLinks { get; }

    /// <summary>EEXIST (link(2) onto an existing name).</summary>
    public int FileExists { get; }

    public static UnixOpenFlags For(bool macOS, Architecture architecture) =>
        macOS ? MacOS : architecture is Architecture.Arm or Architecture.Arm64 ? LinuxArm : LinuxGeneric;

    public override string ToString() => Platform;
}
