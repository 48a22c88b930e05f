using System.Linq;
using LoopbackTools.Connection;

namespace LoopbackTools.ContainerConnection;

/// <summary>Step Network: for a container target, the networks both are on; for the host, the gateway the container's packets take.</summary>
internal static class SharedNetworkStep
{
    public static StepVerdict Judge(ContainerConnectionFacts facts)
    {
        var from = facts.From;
        var source = facts.Source;
        var evidence = source.Networks.Select(n => $"{from} on {n.Network}: {Shown(n.Address)}, gateway {Shown(n.Gateway)}").ToArray();
        switch (facts.Kind)
        {
            case ContainerTargetKind.Localhost:
                return StepVerdict.Skipped($"localhost is {from} itself: no network is crossed", evidence);
            case ContainerTargetKind.Host:
                return JudgeHost(facts, evidence);
        }

        if (facts.Target is not { } target)
        {
            var route = facts.DefaultRoute is { } r ? $": packets leave by the default gateway {r.Gateway}" : string.Empty;
            return StepVerdict.Skipped($"{facts.TargetName} is no container on {facts.Engine}{route}", evidence);
        }

        evidence = evidence.Concat(target.Networks.Select(n => $"{target.Name} on {n.Network}: {Shown(n.Address)}")).ToArray();
        var shared = source.Networks.Where(s => target.Networks.Any(t => t.NetworkId == s.NetworkId && s.NetworkId.Length > 0)).ToArray();
        if (shared.Length == 0)
        {
            var mine = source.Networks.FirstOrDefault(n => !n.IsDefaultBridge)?.Network;
            var theirs = target.Networks.FirstOrDefault(n => !n.IsDefaultBridge)?.Network;
            var fix = theirs is not null ? $"docker network connect {theirs} {from}"
                : mine is not null ? $"docker network connect {mine} {target.Name}"
                : $"docker network create app; docker network connect app {from}; docker network connect app {target.Name}";
            return StepVerdict.Fail($"{from} ({source.NetworkList}) and {target.Name} ({target.NetworkList}) share no network, so neither the name nor an address reaches it - {fix}", evidence);
        }

        var user = shared.FirstOrDefault(n => !n.IsDefaultBridge);
        if (user is null)
        {
            return StepVerdict.Warn($"{from} and {target.Name} share only the default bridge, where addresses work but names do not - put both on a user-defined network (docker network create app; docker network connect app {from}; docker network connect app {target.Name})", evidence);
        }

        var address = target.Networks.First(n => n.NetworkId == user.NetworkId).Address;
        return StepVerdict.Pass($"{from} and {target.Name} share network {user.Network}, where {target.Name} is {Shown(address)}", evidence);
    }

    private static StepVerdict JudgeHost(ContainerConnectionFacts facts, string[] evidence)
    {
        var from = facts.From;
        if (facts.Source.SharesHostNetwork)
        {
            return StepVerdict.Pass($"{from} shares the host's network: no bridge is crossed", evidence);
        }

        if (facts.DefaultRoute is not { } route)
        {
            return StepVerdict.Fail($"{from} has no default route ({facts.Source.NetworkList}; network mode {facts.Source.NetworkMode}), so nothing outside it is reachable - connect it to a network (docker network connect bridge {from})", evidence);
        }

        evidence = evidence.Concat(new[] { $"default route inside {from}: via {route.Gateway} dev {route.Interface}" }).ToArray();
        var via = $"{from} reaches the host through its gateway {route.Gateway}";
        var addresses = facts.Lookup.Addresses;
        if (addresses.Length == 0)
        {
            return IsHostAddress(facts, route.Gateway.ToString(), out var nic)
                ? StepVerdict.Pass($"{via}, this host's address on {nic}", evidence)
                : StepVerdict.Warn($"{via}, which is no address of this host (a VM, or another namespace) - run the check where the engine runs", evidence);
        }

        var foreign = addresses.Where(a => !IsHostAddress(facts, a.ToString(), out _)).ToArray();
        if (foreign.Length > 0)
        {
            return StepVerdict.Warn($"{via}, but {facts.TargetName} is {foreign[0]}, which is no address of this host: a stale --add-host value - use {facts.TargetName}:host-gateway", evidence);
        }

        IsHostAddress(facts, addresses[0].ToString(), out var holder);
        return StepVerdict.Pass($"{via}; {facts.TargetName} is {addresses[0]}, this host's address on {holder}", evidence);
    }

    private static bool IsHostAddress(ContainerConnectionFacts facts, string address, out string nic) => facts.HostAddresses.TryGetValue(address, out nic!);

    private static string Shown(string address) => address.Length == 0 ? "no address" : address;
}
