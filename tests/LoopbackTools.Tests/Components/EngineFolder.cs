namespace LoopbackTools.Tests.Components;

/// <summary>Tears down a container engine started by a test fixture: its containers, its process, then its folder.</summary>
public static class EngineFolder
{
    public static void TearDown(Action removeContainers, BackgroundProcess engine, string root, string mountedFolder)
    {
        try
        {
            removeContainers();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // the engine is going anyway
        }

        engine.Dispose();
        try
        {
            Run.Command("umount", "-R", "-l", Path.Combine(root, mountedFolder));
            Directory.Delete(root, true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // leftover overlay mounts vanish with the sealed mount namespace
        }
    }

    /// <summary>The last lines of an engine's log, for a test's output.</summary>
    public static string Tail(Func<string> log, int lines = 30)
    {
        try
        {
            return string.Join('\n', log().Split('\n').TakeLast(lines));
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
