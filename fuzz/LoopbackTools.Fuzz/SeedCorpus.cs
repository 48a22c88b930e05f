using System.Net;
using System.Text;
using LoopbackTools.Containers;
using LoopbackTools.Listeners.MacOS;
using LoopbackTools.Tests.Listeners;

namespace LoopbackTools.Fuzz;

/// <summary>
/// The starting corpus of every target, from the test fixtures (tests/LoopbackTools.Tests/Fixtures) and the
/// tests' byte builders (<see cref="NetlinkBytes"/>, <see cref="SocketFdInfoBytes"/>). Runs on the
/// uninstrumented Core, before fuzz/run.sh instruments it.
/// </summary>
internal static class SeedCorpus
{
    public static int Write(string fixtures, string directory)
    {
        var seeds = new Dictionary<string, List<byte[]>>(StringComparer.Ordinal);
        void Add(string target, byte[] seed)
        {
            if (!seeds.TryGetValue(target, out var list))
            {
                seeds[target] = list = new List<byte[]>();
            }

            list.Add(seed);
        }

        var hosts = Directory.GetFiles(Path.Combine(fixtures, "hosts")).Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        for (var i = 0; i < hosts.Count; i++)
        {
            Add("hosts-parser", hosts[i]);
            Add("hosts-editor", FuzzInput.Compose(new byte[] { (byte)(i % 6), 0, (byte)i, (byte)(i * 16) }, hosts[i]));
            Add("hosts-editor", FuzzInput.Compose(new byte[] { (byte)((i + 3) % 6), 1, 0, 0x08 }, hosts[i]));
        }

        foreach (var proc in Directory.GetFiles(Path.Combine(fixtures, "docker"), "*.proc").Order(StringComparer.Ordinal))
        {
            Add("proc-net", FuzzInput.Compose(new byte[] { 0 }, File.ReadAllBytes(proc)));
        }

        Add("proc-net", FuzzInput.Compose(new byte[] { 1 }, Encoding.ASCII.GetBytes(
            "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n" +
            "  1: 0100007F:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 12345 2 0000000000000000 0\n")));

        foreach (var hex in Directory.GetFiles(Path.Combine(fixtures, "netlink"), "*.hex").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadAllLines(hex).Where(l => l.Trim().Length > 0))
            {
                Add("sock-diag", NetlinkBytes.FromHex(line));
            }
        }

        Add("sock-diag", NetlinkBytes.Concat(
            NetlinkBytes.Message(20, NetlinkBytes.InetDiagMessage(IPAddress.IPv6Any, 8080, 10, 0, 42), NetlinkBytes.Attribute(8, new byte[] { 1 })),
            NetlinkBytes.Done()));
        Add("sock-diag", NetlinkBytes.Error(13));

        Add("rtnetlink", FuzzInput.Compose(new byte[] { 0 }, NetlinkBytes.LinkDump()));
        Add("rtnetlink", FuzzInput.Compose(new byte[] { 1 }, NetlinkBytes.AddressDump()));
        Add("rtnetlink", FuzzInput.Compose(new byte[] { 1 }, NetlinkBytes.Error(1)));

        Add("socket-fdinfo", SocketFdInfoBytes.TcpListener(8080, 0xfeed));
        Add("socket-fdinfo", SocketFdInfoBytes.Build(family: 30, kind: 2, protocol: 6, port: 443, vflag: 2, address: IPAddress.IPv6Any, tcpState: 1, flags: SocketFdInfoParser.In6pIpv6V6Only));
        Add("socket-fdinfo", SocketFdInfoBytes.Build(family: 2, kind: 1, protocol: 17, port: 53, vflag: 1, address: IPAddress.Loopback, tcpState: 0));

        Add("iphlpapi", FuzzInput.Compose(new byte[] { 0 }, Table(Row(Dword(2), new byte[] { 127, 0, 0, 1 }, PortDword(8080), Dword(0), Dword(0), Dword(1234)), Row(Dword(5), new byte[] { 127, 0, 0, 1 }, PortDword(50000), new byte[] { 127, 0, 0, 1 }, PortDword(8080), Dword(99)))));
        Add("iphlpapi", FuzzInput.Compose(new byte[] { 1 }, Table(Row(IPAddress.IPv6Loopback.GetAddressBytes(), Dword(0), PortDword(8443), new byte[16], Dword(0), Dword(0), Dword(2), Dword(77)))));
        Add("iphlpapi", FuzzInput.Compose(new byte[] { 2 }, Table(Row(new byte[] { 0, 0, 0, 0 }, PortDword(53), Dword(4)))));
        Add("iphlpapi", FuzzInput.Compose(new byte[] { 3 }, Table(Row(IPAddress.Parse("fe80::1").GetAddressBytes(), Dword(3), PortDword(5353), Dword(8)))));

        foreach (var http in Directory.GetFiles(Path.Combine(fixtures, "docker"), "*.http").Order(StringComparer.Ordinal))
        {
            var raw = File.ReadAllBytes(http);
            Add("http-response", raw);
            using var stream = new MemoryStream(raw);
            Add("docker-json", new HttpResponseReader(stream).ReadAsync(CancellationToken.None).GetAwaiter().GetResult().Body);
        }

        Add("http-response", Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"));
        Add("http-response", Encoding.ASCII.GetBytes("HTTP/1.0 404 Not Found\r\n\r\nno such container"));

        var ruleset = File.ReadAllBytes(Path.Combine(fixtures, "nft", "ruleset.json"));
        foreach (var port in new[] { 4556, 22, 80 })
        {
            Add("nft-json", FuzzInput.Compose(new[] { (byte)(port >> 8), (byte)port }, ruleset));
        }

        var written = 0;
        foreach (var target in FuzzTargets.All)
        {
            var folder = Path.Combine(directory, target.Name);
            Directory.CreateDirectory(folder);
            var list = seeds.TryGetValue(target.Name, out var l) ? l : throw new InvalidOperationException($"no seeds for {target.Name}");
            for (var i = 0; i < list.Count; i++)
            {
                File.WriteAllBytes(Path.Combine(folder, $"seed-{i:D3}"), list[i]);
                written++;
            }
        }

        return written;
    }

    private static byte[] Dword(uint value) => BitConverter.GetBytes(value);

    private static byte[] PortDword(int port) => new byte[] { (byte)(port >> 8), (byte)port, 0, 0 };

    private static byte[] Row(params byte[][] fields) => fields.SelectMany(f => f).ToArray();

    private static byte[] Table(params byte[][] rows) => Dword((uint)rows.Length).Concat(rows.SelectMany(r => r)).ToArray();
}
