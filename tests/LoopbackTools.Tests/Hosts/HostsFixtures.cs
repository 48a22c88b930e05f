using LoopbackTools.Hosts;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Hosts;

/// <summary>The hosts files under Fixtures/hosts, byte-exact copies of what each OS ships plus edge cases.</summary>
public static class HostsFixtures
{
    public static string PathOf(string name) => RepoPaths.Fixture("hosts", name);

    public static HostsDocument Load(string name) => HostsDocument.Load(PathOf(name));

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(RepoPaths.Fixture("hosts")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    /// <summary>Entries as one readable string each (disabled ones start with "# ").</summary>
    public static string[] Describe(HostsDocument document) => document.Entries.Select(e => e.ToString()).ToArray();
}
