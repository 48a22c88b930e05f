using BenchmarkDotNet.Attributes;
using LoopbackTools.Hosts;

namespace LoopbackTools.Benchmarks;

/// <summary>Parsing a 265k-entry blocklist (target: >= 2,000,000 lines/s, at most 3x the file size allocated).</summary>
[MemoryDiagnoser]
public class HostsParsingBenchmarks
{
    private byte[] _content = Array.Empty<byte>();

    [GlobalSetup]
    public void Setup() => _content = Blocklist.Generate(Blocklist.RealisticEntries);

    [Benchmark]
    public int Parse() => HostsDocument.Parse(_content, "blocklist").Lines.Count;

    [Benchmark]
    public int ParseAndMaterialiseEntries()
    {
        var count = 0;
        foreach (var entry in HostsDocument.Parse(_content, "blocklist").Entries)
        {
            count += entry.HostName.Length > 0 ? 1 : 0;
        }

        return count;
    }
}
