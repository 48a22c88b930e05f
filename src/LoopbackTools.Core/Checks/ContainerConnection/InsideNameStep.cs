using System.Linq;
using LoopbackTools.Connection;

namespace LoopbackTools.ContainerConnection;

/// <summary>Step Name: how the target name resolves inside the container (its hosts file, then its resolver asked from inside).</summary>
internal static class InsideNameStep
{
    public static StepVerdict Judge(ContainerConnectionFacts facts)
    {
        var lookup = facts.Lookup;
        var name = facts.TargetName;
        var from = facts.From;
        var evidence = lookup.Evidence;
        if (lookup.Resolved)
        {
            var addresses = string.Join(", ", lookup.Addresses.Select(a => a.ToString()));
            return StepVerdict.Pass($"{name} resolves inside {from} to {addresses} (from {lookup.Source})", evidence);
        }

        var why = lookup.Failure.Length == 0 ? string.Empty : $" ({lookup.Failure})";
        if (facts.Kind == ContainerTargetKind.Host)
        {
            var fix = HostNames.For(facts.Engine) == HostNames.Docker
                ? $"start the container with --add-host={name}:host-gateway (compose: extra_hosts: [\"{name}:host-gateway\"])"
                : $"use podman 4.1 or later, which adds {name} itself, or --add-host={name}:host-gateway";
            var gateway = facts.DefaultRoute is { } route ? $", or connect to the gateway {route.Gateway}" : string.Empty;
            return StepVerdict.Fail($"{name} does not resolve inside {from}{why}: on Linux the engine adds it only when asked - {fix}{gateway}", evidence);
        }

        var onDefaultBridge = facts.Source.Networks.Count > 0 && facts.Source.Networks.All(n => n.IsDefaultBridge);
        if (onDefaultBridge && facts.Kind is ContainerTargetKind.Container or ContainerTargetKind.OtherName)
        {
            var fix = facts.Target?.Networks.FirstOrDefault(n => !n.IsDefaultBridge) is { } theirs
                ? $"docker network connect {theirs.Network} {from}"
                : $"docker network create app, then docker network connect app {from} (and the target)";
            return StepVerdict.Fail($"{name} does not resolve inside {from}: it is only on the default bridge, where container names do not resolve - {fix}", evidence);
        }

        return facts.Kind == ContainerTargetKind.Container
            ? StepVerdict.Fail($"{name} does not resolve inside {from}{why}: the engine's DNS knows a container only on a network both are on - connect both to one user-defined network (docker network connect NET CONTAINER)", evidence)
            : StepVerdict.Fail($"{name} does not resolve inside {from}{why} - check the spelling, or add the name to a network the container is on (--network-alias) or its hosts (--add-host)", evidence);
    }
}
