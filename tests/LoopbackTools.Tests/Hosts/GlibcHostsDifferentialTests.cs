using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoopbackTools.Hosts;
using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// The hosts file as glibc reads it, proven against glibc itself: generated files (the fuzz corpus mutated, and the
/// hosts grammar stretched with the bytes resolvers disagree on) are written over /etc/hosts in a private mount
/// namespace, and every name in them (plus variants and absent names) is asked through getaddrinfo and nss_files.
/// GlibcHostsFile must predict every answer; wherever the module's own parser (Get-HostsEntry, the HostsFile steps)
/// answers otherwise, HostsOsReading must name a line and a reason.
/// </summary>
public sealed class GlibcHostsDifferentialTests(ITestOutputHelper output)
{
    private const int Files = 10_000;
    private const int MaxNamesAFile = 14;

    [RequiresFact("gcc")]
    public void Glibc_answers_every_name_of_10000_generated_files_as_the_model_predicts()
    {
        var clock = Stopwatch.StartNew();
        var generator = new HostsByteGenerator(seed: 27);
        var files = new List<(byte[] Content, IReadOnlyList<string> NameBytes)>(Files);
        for (var i = 0; i < Files; i++)
        {
            var content = generator.Next();
            files.Add((content, NamesToAsk(content, i)));
        }

        using var oracle = GlibcHostsOracle.Start();
        var answers = oracle.Ask(files);
        var glibcTime = clock.Elapsed;

        var asked = 0;
        var disagreements = new List<string>();
        var parserDisagreements = 0;
        var skippedNames = 0;
        var unexplained = new List<string>();
        var kinds = new Dictionary<HostsReadingKind, int>();
        var a = 0;
        for (var f = 0; f < files.Count; f++)
        {
            var (content, names) = files[f];
            var glibc = GlibcHostsFile.Read(content);
            var document = HostsDocument.Parse(content, "generated");
            foreach (var name in names)
            {
                var answer = answers[a++];
                asked++;
                var predicted = glibc.Lookup(name).Select(l => Text(l.Address!)).ToArray();
                if (!predicted.SequenceEqual(answer.NssFiles) || !predicted.Order(StringComparer.Ordinal).SequenceEqual(answer.Getaddrinfo))
                {
                    disagreements.Add(Describe(f, content, name, predicted, answer));
                    continue;
                }

                var readable = GlibcHostsFile.Readable(name);
                if (GlibcHostsFile.Bytes(readable) != name || name.EndsWith('.'))
                {
                    // A trailing dot on the question is judged by the OS resolver layer, not as a line of the file.
                    // Not UTF-8: no name a user can type, so no check of the module's parser.
                    skippedNames++;
                    continue;
                }

                var module = document.Entries.Where(e => e.Enabled && HostsOsReading.Names(e, readable))
                    .Select(e => LoopbackTools.Addressing.AddressClassifier.TryParse(e.IPAddress, out var ip) ? Text(ip!) : "?").Order(StringComparer.Ordinal);
                if (module.SequenceEqual(answer.Getaddrinfo))
                {
                    continue;
                }

                parserDisagreements++;
                var differences = HostsOsReading.Compare(document, readable);
                foreach (var d in differences)
                {
                    kinds[d.Kind] = kinds.GetValueOrDefault(d.Kind) + 1;
                }

                if (differences.Count == 0)
                {
                    unexplained.Add(Describe(f, content, name, module.ToArray(), answer));
                }
            }
        }

        output.WriteLine(string.Format(CultureInfo.InvariantCulture,
            "{0} files, {1} names asked ({8} not UTF-8 or ending in a dot), {2} disagreements with glibc; the module's parser differs from glibc on {3} names, {4} of them unexplained ({5}); glibc answered in {6:F1} s, all in {7:F1} s",
            files.Count, asked, disagreements.Count, parserDisagreements, unexplained.Count,
            string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")), glibcTime.TotalSeconds, clock.Elapsed.TotalSeconds, skippedNames));
        foreach (var d in disagreements.Concat(unexplained).Take(10))
        {
            output.WriteLine(d);
        }

        Assert.True(files.Count >= 10_000);
        Assert.Empty(disagreements);
        Assert.Empty(unexplained);

        // The generated files really reach the places where the module's parser and glibc part.
        Assert.True(parserDisagreements > 500, $"only {parserDisagreements} names where the parser and glibc differ");
        Assert.All(Enum.GetValues<HostsReadingKind>(), k => Assert.True(kinds.GetValueOrDefault(k) > 0, $"no {k} difference was generated"));
    }

    /// <summary>Every name either reader sees, case and trailing-dot variants, and an absent name; names getaddrinfo answers numerically are left out.</summary>
    private static IReadOnlyList<string> NamesToAsk(byte[] content, int index)
    {
        var names = new List<string>();
        foreach (var entry in HostsDocument.Parse(content, "generated").Entries)
        {
            names.Add(GlibcHostsFile.Bytes(entry.HostName));
            names.AddRange(entry.Aliases.Select(GlibcHostsFile.Bytes));
        }

        names.AddRange(GlibcHostsFile.Read(content).Lines.SelectMany(l => l.Names));
        var variants = names.Take(3).SelectMany(n => new[] { n.ToUpperInvariant(), n + ".", n.TrimEnd('.') }).ToList();
        names.AddRange(variants);
        names.Add("absent" + index.ToString(CultureInfo.InvariantCulture) + ".test");
        return names.Where(n => n.Length > 0 && n.IndexOf('\0') < 0 && !Numeric(n)).Distinct(StringComparer.Ordinal).Take(MaxNamesAFile).ToArray();
    }

    /// <summary>getaddrinfo answers an IPv4 form inet_aton reads, or an IPv6 address (with a zone), without reading the hosts file.</summary>
    private static bool Numeric(string name)
    {
        if (char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiHexDigit(c) || c is '.' or 'x' or 'X'))
        {
            return true;
        }

        var bare = name.Split('%')[0];
        return name.Contains(':') && IPAddress.TryParse(bare, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;
    }

    private static string Text(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? "4:" + address : "6:" + Convert.ToHexString(address.GetAddressBytes()).ToLowerInvariant();

    private static string Describe(int file, byte[] content, string name, IReadOnlyList<string> predicted, GlibcAnswer answer) =>
        string.Format(CultureInfo.InvariantCulture, "file {0} name {1}: predicted [{2}], nss [{3}], getaddrinfo [{4}]; file hex {5}",
            file, Convert.ToHexString(System.Text.Encoding.Latin1.GetBytes(name)), string.Join(",", predicted), string.Join(",", answer.NssFiles), string.Join(",", answer.Getaddrinfo),
            Convert.ToHexString(content.Take(400).ToArray()));
}
