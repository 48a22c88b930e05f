using System.Text;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// Hosts files for the glibc differential test, deterministic from a seed: the fuzz corpus (Fixtures/hosts and
/// the hosts regression inputs under Fixtures/fuzz) mutated with the bytes resolvers disagree on, and files
/// built line by line from the hosts grammar of the property tests, stretched with those bytes: byte-order
/// marks, UTF-16, NUL, lone CR, VT/FF, non-breaking and zero-width spaces, address forms inet_pton refuses
/// (leading zeros, short and hex IPv4, brackets, zones) or accepts (embedded IPv4, 4-digit groups),
/// trailing dots, case, non-ASCII names, names of every length, comments anywhere, no final newline.
/// </summary>
public sealed class HostsByteGenerator
{
    private static readonly string[] Addresses =
    {
        "127.0.0.1", "::1", "127.0.1.1", "0.0.0.0", "192.0.2.10", "2001:db8::5", "::ffff:127.0.0.2", "::127.0.0.3",
        "0192.0.2.1", "127.000.0.1", "127.1", "0x7f.0.0.1", "127.0.0.256", "1.2.3", "192.0.2.4.5", "127.0.0.1.",
        "[::1]", "fe80::1%lo", "fe80::1%25lo", "0:0:0:0:0:0:0:1", "0000::0001", "00001::1", "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7::", "::1:2:3:4:5:6:7", "1::2::3", ":1", "1:", "FFFF::1", "2001:DB8::192.0.2.4", "::ffff:192.0.2.04",
        "255.255.255.255", "192.0.2.4", "::", "::0.0.0.0", "1:2:3:4:5:6:192.0.2.4", "1:2:3:4:5:6:7:192.0.2.4", "127.0.0.1\u00a0",
        "\ufeff127.0.0.1", "127.0.0.1\u200b", "١٢٧.0.0.1",
    };

    private static readonly string[] Names =
    {
        "localhost", "web.test", "WEB.Test", "api.test", "dot.test.", "dot.test", "bücher.test", "xn--bcher-kva.test",
        "BÜCHER.test", "a_b.test", "bad!name.test", "*.wild.test", "x", "ip6-localhost", "Mixed.Case.test", "name#frag",
        "zero\u200bwidth.test", "nb\u00a0sp.test", "İ.test", "i.test", "-lead.test", "trail-.test", "a..b.test", ".lead.test",
        "ünï", "tab\tname", "semi;colon.test", "slash/name.test", "colon:name.test", "percent%name.test", "q\"uote.test",
    };

    private static readonly string[] Blanks = { " ", "\t", "  ", " \t ", "\v", "\f", "\r", "\u00a0", "\u200b", "\u3000", "\t\v" };

    private static readonly string[] Comments = { "", " # comment", "#", "# a # b", " #Ünïcode", "\t# tabs\tinside", "# 127.0.0.1 old.test" };

    private static readonly string[] Endings = { "\n", "\n", "\n", "\r\n", "\r", "\n\r", "\r\r\n" };

    private static readonly byte[] Tricky = { 0, (byte)'\r', (byte)'\n', (byte)'\t', 0x0B, 0x0C, (byte)'#', (byte)' ', 0xA0, 0xC2, 0xEF, 0xBB, 0xBF, 0xFF, 0xFE, (byte)'.', (byte)':', (byte)'%', (byte)'0', (byte)'[' };

    private readonly Random _random;
    private readonly List<byte[]> _corpus;

    public HostsByteGenerator(int seed)
    {
        _random = new Random(seed);
        _corpus = Corpus().ToList();
    }

    /// <summary>The fuzz corpus: every hosts fixture and every hosts regression input.</summary>
    public static IEnumerable<byte[]> Corpus()
    {
        var hosts = Directory.GetFiles(RepoPaths.Fixture("hosts"));
        var regressions = Directory.GetFiles(RepoPaths.Fixture("fuzz", "hosts-editor"));
        return hosts.Concat(regressions).Order(StringComparer.Ordinal).Select(File.ReadAllBytes);
    }

    public byte[] Next()
    {
        var roll = _random.Next(10);
        var bytes = roll switch
        {
            0 => Mutate(_corpus[_random.Next(_corpus.Count)]),
            1 => Mutate(Built()),
            _ => Built(),
        };

        return _random.Next(40) switch
        {
            0 => Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(bytes))).ToArray(),
            1 or 2 => Encoding.UTF8.GetPreamble().Concat(bytes).ToArray(),
            _ => bytes,
        };
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private byte[] Built()
    {
        var text = new StringBuilder();
        var lines = _random.Next(1, 9);
        for (var i = 0; i < lines; i++)
        {
            text.Append(Line());
            if (i < lines - 1 || _random.Next(4) > 0)
            {
                text.Append(Pick(Endings));
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private string Line()
    {
        switch (_random.Next(12))
        {
            case 0:
                return Pick(Comments).TrimStart();
            case 1:
                return _random.Next(2) == 0 ? string.Empty : Pick(Blanks);
            case 2:
                return "# " + Entry();
            default:
                return Entry();
        }
    }

    private string Entry()
    {
        var text = new StringBuilder();
        if (_random.Next(4) == 0)
        {
            text.Append(Pick(Blanks));
        }

        text.Append(_random.Next(3) == 0 ? Pick(Addresses) : Pick(new[] { "127.0.0.1", "::1", "127.0.0.2", "192.0.2.7" }));
        var names = _random.Next(0, 5);
        for (var n = 0; n < names; n++)
        {
            text.Append(_random.Next(5) == 0 ? Pick(Blanks) : " ");
            text.Append(Name());
        }

        if (_random.Next(5) == 0)
        {
            text.Append(_random.Next(3) == 0 ? Pick(Blanks) : string.Empty);
        }

        text.Append(Pick(Comments));
        return text.ToString();
    }

    private string Name() => _random.Next(25) switch
    {
        0 => new string('a', _random.Next(240, 300)) + ".test",
        1 => string.Join('.', Enumerable.Repeat("label", _random.Next(1, 60))),
        2 => Pick(Names).ToUpperInvariant(),
        _ => Pick(Names),
    };

    private byte[] Mutate(byte[] source)
    {
        var bytes = source.ToList();
        var edits = _random.Next(1, 5);
        for (var e = 0; e < edits; e++)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count + 1);
            switch (_random.Next(4))
            {
                case 0:
                    bytes.Insert(at, Pick(Tricky));
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveAt(Math.Min(at, bytes.Count - 1));
                    break;
                case 2 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = Pick(Tricky);
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Entry() + "\n"));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
