using LoopbackTools.Fuzz.Targets;

namespace LoopbackTools.Fuzz;

/// <summary>Every fuzz target, by the name fuzz/run.sh takes.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<FuzzTarget> All { get; } = new[]
    {
        new FuzzTarget("hosts-parser", "LoopbackTools.Hosts.HostsDocument.Parse", HostsParserTarget.Run),
        new FuzzTarget("hosts-editor", "LoopbackTools.Hosts.HostsEditor (parse, edit, Build, parse)", HostsEditorTarget.Run),
        new FuzzTarget("proc-net", "LoopbackTools.Listeners.Linux.ProcNetParser", ProcNetTarget.Run),
        new FuzzTarget("sock-diag", "LoopbackTools.Listeners.Linux.SockDiagProtocol.ParseDatagram", SockDiagTarget.Run),
        new FuzzTarget("rtnetlink", "LoopbackTools.Listeners.Linux.RouteNetlinkProtocol", RouteNetlinkTarget.Run),
        new FuzzTarget("socket-fdinfo", "LoopbackTools.Listeners.MacOS.SocketFdInfoParser", SocketFdInfoTarget.Run),
        new FuzzTarget("iphlpapi", "LoopbackTools.Listeners.Windows.IpHelperTables", IpHelperTarget.Run),
        new FuzzTarget("docker-json", "LoopbackTools.Containers.DockerJson", DockerJsonTarget.Run),
        new FuzzTarget("http-response", "LoopbackTools.Containers.HttpResponseReader", HttpResponseTarget.Run),
        new FuzzTarget("nft-json", "LoopbackTools.Connection.NftRuleset", NftRulesetTarget.Run),
    };

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.Ordinal))
        ?? throw new ArgumentException($"no fuzz target '{name}'; known: {string.Join(", ", All.Select(t => t.Name))}", nameof(name));
}
