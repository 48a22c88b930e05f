using System.Runtime.InteropServices;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// Runs file-system work as nobody while the test runs as root: setfsuid is per thread, and leaving uid 0
/// clears CAP_DAC_OVERRIDE for that thread, so the kernel really refuses what nobody may not do.
/// </summary>
public static class NobodyFileSystemIdentity
{
    public const uint NobodyId = 65534;

    /// <summary>Runs <paramref name="action"/> on a dedicated thread with nobody's file-system identity; returns what it threw.</summary>
    public static Exception? Run(Action action)
    {
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            var previous = setfsuid(NobodyId);
            try
            {
                Assert.Equal(NobodyId, setfsuid(uint.MaxValue)); // an invalid id changes nothing and returns the current one
                action();
            }
            catch (Exception e)
            {
                caught = e;
            }
            finally
            {
                setfsuid(previous);
            }
        });
        thread.Start();
        thread.Join();
        return caught;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern uint setfsuid(uint fsuid);
}
