using LoopbackTools.Listeners.MacOS;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>
/// What proc_pidfdinfo(PROC_PIDFDSOCKETINFO) fills in (struct socket_fdinfo). A shorter input is padded with
/// zeros to the struct's size, so mutations reach the fields rather than only the length check.
/// </summary>
public static class SocketFdInfoTarget
{
    public static void Run(byte[] data)
    {
        var info = data.Length >= SocketFdInfoParser.Length ? data : data.Concat(new byte[SocketFdInfoParser.Length - data.Length]).ToArray();
        CleanErrors.Allow(
            () =>
            {
                var socket = SocketFdInfoParser.Parse(info, info.Length, 1);
                if (socket is not null)
                {
                    ListenerChecks.Rows(new[] { socket });
                }
            },
            ListenerChecks.Malformed);
    }
}
