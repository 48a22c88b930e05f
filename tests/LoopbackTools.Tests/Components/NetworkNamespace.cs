namespace LoopbackTools.Tests.Components;

/// <summary>A real network namespace (ip netns); its lo starts down, as in any fresh namespace.</summary>
public sealed class NetworkNamespace : IDisposable
{
    public NetworkNamespace(bool loopbackUp = false)
    {
        Component.Require(new[] { "ip" }, needsRoot: true);
        Name = "lbt-" + Guid.NewGuid().ToString("N")[..10];
        Run.Command("ip", "netns", "add", Name).EnsureSuccess("ip netns add");
        if (loopbackUp)
        {
            SetLoopbackUp();
        }
    }

    public string Name { get; }

    public void SetLoopbackUp() => Run.Command("ip", "-n", Name, "link", "set", "lo", "up").EnsureSuccess("ip link set lo up");

    /// <summary>Runs a program inside the namespace to completion.</summary>
    public ProcessResult Exec(params string[] command) =>
        Run.Command("ip", new[] { "netns", "exec", Name }.Concat(command), TimeSpan.FromSeconds(60));

    /// <summary>Starts a long-running program inside the namespace.</summary>
    public BackgroundProcess Start(params string[] command) =>
        new("ip", new[] { "netns", "exec", Name }.Concat(command));

    public void Dispose() => Run.Command("ip", "netns", "del", Name);
}
