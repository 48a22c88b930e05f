using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using LoopbackTools.Dns;

namespace LoopbackTools.Hosts;

/// <summary>
/// The one rule for "the OS reads this hosts line otherwise than it looks": the module's lossless parser
/// (<see cref="HostsDocument"/>, what Get-HostsEntry shows) against glibc's reading of the same bytes
/// (<see cref="GlibcHostsFile"/>). The HostsFile steps use it for one name; Get-HostsEntry -Strict for every line.
/// On Windows and macOS the OS resolver is not glibc: callers there do not ask (see <see cref="AppliesHere"/>).
/// </summary>
public static class HostsOsReading
{
    private const int Utf8BomLength = 3;

    /// <summary>True where the OS resolver reads the hosts file through glibc (Linux).</summary>
    public static bool AppliesHere => System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux);

    /// <summary>Every line glibc reads otherwise than <paramref name="document"/> shows it, in line order.</summary>
    public static IReadOnlyList<HostsReadingDifference> Compare(HostsDocument document) => Compare(document, null);

    /// <summary>The lines whose reading changes what glibc answers for <paramref name="name"/> (null: any name).</summary>
    public static IReadOnlyList<HostsReadingDifference> Compare(HostsDocument document, string? name)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        return new Comparison(document, name).Run();
    }

    /// <summary>glibc's answer for <paramref name="name"/> from <paramref name="document"/>, with the lines it reads otherwise.</summary>
    public static HostsOsAnswer Answer(HostsDocument document, string name)
    {
        if (document is null)
        {
            throw new ArgumentNullException(nameof(document));
        }

        var comparison = new Comparison(document, name ?? throw new ArgumentNullException(nameof(name)));
        var differences = comparison.Run();
        return new HostsOsAnswer(comparison.GlibcAddresses(), differences);
    }

    /// <summary>Whether the module's parser (Get-HostsEntry, the HostsFile layer) counts <paramref name="entry"/> as naming <paramref name="name"/>.</summary>
    internal static bool Names(HostsEntry entry, string name)
    {
        if (DnsName.AreEqual(entry.HostName, name))
        {
            return true;
        }

        foreach (var alias in entry.Aliases)
        {
            if (DnsName.AreEqual(alias, name))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Comparison
    {
        private readonly HostsDocument _document;
        private readonly string? _name;
        private readonly string? _nameBytes;
        private readonly GlibcHostsFile _glibc;
        private readonly byte[] _content;
        private readonly List<int> _matches = new();
        private readonly List<int> _nonAscii = new();
        private bool _everyLine;
        private readonly bool _bom;
        private readonly List<HostsReadingDifference> _found = new();
        private readonly HashSet<int> _explained = new();

        public Comparison(HostsDocument document, string? name)
        {
            _document = document;
            // A trailing dot on the question is the question's form, not a line's fault (glibc matches "x." only to
            // "x."; the OS resolver layer says so): the file is judged for the name meant.
            _name = name is null ? null : name.Length > 1 ? name.TrimEnd('.') : name;
            _nameBytes = _name is null ? null : GlibcHostsFile.Bytes(_name);
            _content = document.RawContent();
            if (_nameBytes is not null)
            {
                Mark();
            }

            _glibc = GlibcHostsFile.Read(_content, _nameBytes is null ? null : MayConcernName);
            _bom = document.Encoding == HostsEncoding.Utf8WithBom;
        }

        public IReadOnlyList<IPAddress> GlibcAddresses() =>
            _document.Encoding is HostsEncoding.Utf16LittleEndian or HostsEncoding.Utf16BigEndian || _nameBytes is null
                ? Array.Empty<IPAddress>()
                : _glibc.Lookup(_nameBytes).Select(l => l.Address!).ToArray();

        public IReadOnlyList<HostsReadingDifference> Run()
        {
            var utf16 = _document.Encoding is HostsEncoding.Utf16LittleEndian or HostsEncoding.Utf16BigEndian;
            for (var n = 1; n <= _document.Lines.Count; n++)
            {
                if ((_nameBytes is not null && !utf16 && !MayConcernName(OffsetOf(n), OffsetOf(n) + _document.LineLength(n)))
                    || _document.EntryOfLine(n) is not { Enabled: true } entry || (_name is not null && !Names(entry, _name)))
                {
                    continue;
                }

                if (utf16)
                {
                    _found.Add(new HostsReadingDifference(n, HostsReadingKind.Skipped, Line(n, "is in a UTF-16 file: glibc reads bytes, finds a NUL in every character and skips every line"), "save the file as UTF-8 (without a byte-order mark)"));
                    continue;
                }

                CompareEntry(n, entry);
            }

            if (!utf16)
            {
                FindLinesOnlyGlibcReads();
            }

            return _found.OrderBy(d => d.LineNumber).ToArray();
        }

        private static string Line(int n, string rest) => string.Format(CultureInfo.InvariantCulture, "line {0} {1}", n, rest);

        private static bool SameAddress(IPAddress? glibc, string moduleText) =>
            glibc is not null && Addressing.AddressClassifier.TryParse(moduleText, out var module) && module is not null
            && module.GetAddressBytes().SequenceEqual(glibc.GetAddressBytes());

        private int OffsetOf(int n) => _document.LineOffset(n);

        /// <summary>The module's first line inside glibc line <paramref name="line"/>.</summary>
        private int FirstModuleLineIn(GlibcHostsLine line)
        {
            // Module lines start at increasing offsets: the first one at or after the glibc line's start.
            int low = 1, high = _document.Lines.Count;
            while (low < high)
            {
                var mid = (low + high) / 2;
                if (OffsetOf(mid) < line.Start)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            return Math.Max(1, low);
        }

        /// <summary>
        /// Whether bytes [start, end) can name the asked name for either reader: they hold its bytes (ASCII case
        /// folded), or any non-ASCII byte (Unicode case rules of the module's comparison). False leaves the line unparsed.
        /// </summary>
        private bool MayConcernName(int start, int end)
        {
            // A line starting with a blank can read with its tail repeated (GlibcHostsFile): a name not in its bytes.
            if (_everyLine || (start < end && GlibcHostsFile.IsSpace(_content[start])))
            {
                return true;
            }

            // The first mark at or after start: any non-ASCII byte, or a match that ends inside the line.
            var at = _nonAscii.BinarySearch(start);
            at = at < 0 ? ~at : at;
            if (at < _nonAscii.Count && _nonAscii[at] < end)
            {
                return true;
            }

            at = _matches.BinarySearch(start);
            at = at < 0 ? ~at : at;
            return at < _matches.Count && _matches[at] + _nameBytes!.Length <= end;
        }

        /// <summary>One pass over the file: where the name's bytes stand (ASCII case folded) and where non-ASCII bytes are.</summary>
        private void Mark()
        {
            var name = _nameBytes!;
            if (name.Length == 0 || name.Any(c => c >= 0x80))
            {
                // A non-ASCII name can equal ASCII text under the module's Unicode case rules (dotless i): read every line.
                _everyLine = true;
                return;
            }

            var first = Fold(name[0]);
            for (var i = 0; i < _content.Length; i++)
            {
                var b = _content[i];
                if (b >= 0x80)
                {
                    _nonAscii.Add(i);
                    continue;
                }

                if (Fold((char)b) != first || i + name.Length > _content.Length)
                {
                    continue;
                }

                var k = 1;
                while (k < name.Length && Fold((char)_content[i + k]) == Fold(name[k]))
                {
                    k++;
                }

                if (k == name.Length)
                {
                    _matches.Add(i);
                }
            }
        }

        private static char Fold(char c) => c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;

        private bool Agrees(GlibcHostsLine line, int offset, HostsEntry entry)
        {
            var start = line.Start + (_bom && line.LineNumber == 1 ? Utf8BomLength : 0);
            if (offset != start || line.Kind != GlibcLineKind.Entry || !SameAddress(line.Address, entry.IPAddress))
            {
                return false;
            }

            if (_nameBytes is not null)
            {
                return line.Maps(_nameBytes) && Names(entry, _name!);
            }

            var names = new[] { entry.HostName }.Concat(entry.Aliases).Select(GlibcHostsFile.Bytes);
            return names.SequenceEqual(line.Names, StringComparer.Ordinal);
        }

        private void CompareEntry(int n, HostsEntry entry)
        {
            var offset = OffsetOf(n);
            var line = _glibc.LineAt(offset);
            if (line is not null && Agrees(line, offset, entry) && _name is null && UnaskedName(n, entry) is { } unasked)
            {
                // Read as it looks, but under a name no usual lookup asks for: the editor's rule (HostsInput) for names.
                _found.Add(unasked);
                return;
            }

            if (line is null || Agrees(line, offset, entry))
            {
                return;
            }

            _explained.Add(line.LineNumber);
            _found.Add(Explain(n, entry, line, offset));
        }

        /// <summary>The first name of the line that lookups as programs make them do not find (GlibcNameText), as a difference; null: none.</summary>
        private static HostsReadingDifference? UnaskedName(int n, HostsEntry entry)
        {
            foreach (var name in new[] { entry.HostName }.Concat(entry.Aliases))
            {
                if (GlibcNameText.WhyNotAsked(name) is { } fault)
                {
                    return new HostsReadingDifference(n, HostsReadingKind.ReadDifferently, Line(n, "has a name lookups miss: " + fault.Reason), fault.Remedy);
                }
            }

            return null;
        }

        private HostsReadingDifference Explain(int n, HostsEntry entry, GlibcHostsLine line, int offset)
        {
            var gives = _nameBytes is not null && line.Maps(_nameBytes)
                ? string.Format(CultureInfo.InvariantCulture, ", giving {0} the address {1}", _name, line.Address)
                : string.Empty;
            var bomLine = _bom && line.LineNumber == 1;
            if (offset != line.Start + (bomLine ? Utf8BomLength : 0))
            {
                var whole = FirstModuleLineIn(line);
                var what = line.Kind == GlibcLineKind.Entry ? "reads it as more names of line " + whole.ToString(CultureInfo.InvariantCulture) + gives : "skips it with line " + whole.ToString(CultureInfo.InvariantCulture);
                return new HostsReadingDifference(n, gives.Length > 0 ? HostsReadingKind.ReadDifferently : HostsReadingKind.Skipped, Line(n, "follows a lone CR (an old Mac line ending): glibc ends lines only at LF, so it " + what), "save the file with LF (or CRLF) line endings");
            }

            if (bomLine && line.Kind != GlibcLineKind.Entry)
            {
                return new HostsReadingDifference(n, HostsReadingKind.Skipped, Line(n, "starts with a UTF-8 byte-order mark (EF BB BF): glibc reads it as part of the address and skips the line"), "save the file as UTF-8 without a byte-order mark");
            }

            if (line.NulOffset >= 0)
            {
                var column = line.NulOffset - line.Start + 1;
                return new HostsReadingDifference(n, line.Kind == GlibcLineKind.Entry ? HostsReadingKind.ReadDifferently : HostsReadingKind.Skipped, Line(n, string.Format(CultureInfo.InvariantCulture, "holds a NUL byte at column {0}: glibc stops reading the line there", column)), "remove the NUL byte");
            }

            if (line.Kind == GlibcLineKind.NotAnAddress)
            {
                var (reason, remedy) = GlibcAddressText.WhyNot(line.AddressToken);
                return new HostsReadingDifference(n, HostsReadingKind.Skipped, Line(n, string.Format(CultureInfo.InvariantCulture, "has the address '{0}': {1}, so it skips the line", entry.IPAddress, reason)), remedy);
            }

            if (line.TailRepeated)
            {
                var read = line.Names.Count == 0 ? string.Empty : GlibcHostsFile.Readable(line.Names[line.Names.Count - 1]);
                return new HostsReadingDifference(n, HostsReadingKind.ReadDifferently, Line(n, string.Format(CultureInfo.InvariantCulture, "starts with blanks and is the last line, without a final newline: glibc's line reader repeats its last bytes, so it reads the name '{0}'", read)), "remove the blanks at the start of the line, or end the file with a newline");
            }

            if (line.Kind == GlibcLineKind.Entry && !SameAddress(line.Address, entry.IPAddress))
            {
                return new HostsReadingDifference(n, HostsReadingKind.ReadDifferently, Line(n, string.Format(CultureInfo.InvariantCulture, "reads as the address {0} to glibc, not {1}", line.Address, entry.IPAddress)), "write the address in its standard form");
            }

            if (_name is not null)
            {
                var written = new[] { entry.HostName }.Concat(entry.Aliases).First(a => DnsName.AreEqual(a, _name));
                if (GlibcNameText.WhyNotAsked(written) is { } fault)
                {
                    return new HostsReadingDifference(n, HostsReadingKind.Skipped, Line(n, string.Format(CultureInfo.InvariantCulture, "names '{0}', which glibc does not match with '{1}': {2}", written, _name, fault.Reason)), fault.Remedy);
                }

                return new HostsReadingDifference(n, HostsReadingKind.Skipped, Line(n, string.Format(CultureInfo.InvariantCulture, "names '{0}', which glibc does not match with '{1}': it compares names byte for byte, folding only ASCII letters (no trailing-dot or Unicode rule)", written, _name)), "write the name exactly as clients ask for it: without a trailing dot, an international name in punycode (xn--...)");
            }

            var names = string.Join(" ", line.Names.Select(GlibcHostsFile.Readable));
            return new HostsReadingDifference(n, HostsReadingKind.ReadDifferently, Line(n, string.Format(CultureInfo.InvariantCulture, "reads to glibc as {0} {1}", line.Address, names)), "write one address and plain names separated by spaces or tabs");
        }

        private void FindLinesOnlyGlibcReads()
        {
            foreach (var line in _glibc.Lines)
            {
                if (line.Kind != GlibcLineKind.Entry || _explained.Contains(line.LineNumber) || (_nameBytes is not null && !line.Maps(_nameBytes)))
                {
                    continue;
                }

                var n = FirstModuleLineIn(line);
                var entry = _document.EntryOfLine(n);
                if (entry is { Enabled: true } && Agrees(line, OffsetOf(n), entry))
                {
                    continue;
                }

                var shown = line.Names.Count == 0 ? "no name" : string.Join(" ", line.Names.Select(GlibcHostsFile.Readable));
                var problem = _document.Lines[n - 1].Problem;
                var why = problem is not null
                    ? string.Format(CultureInfo.InvariantCulture, "looks malformed ({0}), but glibc reads it as {1} {2}", problem.Reason.TrimEnd('.'), line.Address, shown)
                    : string.Format(CultureInfo.InvariantCulture, "reads to glibc as {0} {1}", line.Address, shown);
                _found.Add(new HostsReadingDifference(n, HostsReadingKind.ReadByOsOnly, Line(n, why), "fix or remove the line: the OS resolver uses it"));
            }
        }
    }
}
