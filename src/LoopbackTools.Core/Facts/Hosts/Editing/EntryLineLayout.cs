using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Hosts;

/// <summary>
/// Where the parts of one (enabled or disabled) entry line sit in its text, so an edit rewrites only the
/// part it changes: indentation, the separators the author chose and the comment stay as they were.
/// </summary>
internal sealed class EntryLineLayout
{
    private readonly string _text;
    private readonly List<int> _nameStarts = new();
    private readonly List<int> _nameEnds = new();

    private EntryLineLayout(string text)
    {
        _text = text;
        var pos = SkipBlanks(0);
        Indent = pos;
        MarkerStart = -1;
        if (pos < text.Length && text[pos] == '#')
        {
            MarkerStart = pos;
            pos = SkipBlanks(pos + 1);
        }

        AddressStart = pos;
        var hash = text.IndexOf('#', pos);
        CommentHash = hash;
        var dataEnd = hash < 0 ? text.Length : hash;
        AddressEnd = TokenEnd(pos, dataEnd);
        pos = SkipBlanks(AddressEnd);
        while (pos < dataEnd)
        {
            var end = TokenEnd(pos, dataEnd);
            _nameStarts.Add(pos);
            _nameEnds.Add(end);
            pos = SkipBlanks(end);
        }
    }

    /// <summary>First character that is not a blank.</summary>
    public int Indent { get; }

    /// <summary>The '#' that switches the entry off; -1 for an enabled entry.</summary>
    public int MarkerStart { get; }

    public int AddressStart { get; }

    public int AddressEnd { get; }

    /// <summary>The '#' of the inline comment; -1 when there is none.</summary>
    public int CommentHash { get; }

    public IReadOnlyList<string> Names => _nameStarts.Select((s, i) => _text.Substring(s, _nameEnds[i] - s)).ToList();

    /// <summary>What separates the address from the first name (a tab in many files).</summary>
    public string AddressSeparator => _nameStarts.Count == 0 ? " " : _text.Substring(AddressEnd, _nameStarts[0] - AddressEnd);

    public static EntryLineLayout Parse(string text) => new(text ?? string.Empty);

    public static bool IsBlank(char c) => c == ' ' || c == '\t' || c == '\v' || c == '\f';

    public string WithAddress(string address) => _text.Substring(0, AddressStart) + address + _text.Substring(AddressEnd);

    /// <summary>The line with its names replaced; names are joined by the separator already used between names.</summary>
    public string WithNames(IReadOnlyList<string> names)
    {
        var separator = _nameStarts.Count > 1 ? _text.Substring(_nameEnds[0], _nameStarts[1] - _nameEnds[0]) : " ";
        var first = _nameStarts[0];
        var last = _nameEnds[_nameEnds.Count - 1];
        return _text.Substring(0, first) + string.Join(separator, names) + _text.Substring(last);
    }

    /// <summary>The line with its inline comment replaced, added, or (for an empty comment) removed.</summary>
    public string WithComment(string comment)
    {
        var data = CommentHash < 0 ? _text : _text.Substring(0, CommentHash);
        if (comment.Length == 0)
        {
            return CommentHash < 0 ? _text : data.TrimEnd(' ', '\t', '\v', '\f');
        }

        return CommentHash < 0 ? data.TrimEnd(' ', '\t', '\v', '\f') + " # " + comment : data + "# " + comment;
    }

    /// <summary>The line commented out: "# " goes before the address, after any indentation.</summary>
    public string Disabled() => MarkerStart >= 0 ? _text : _text.Substring(0, Indent) + "# " + _text.Substring(Indent);

    /// <summary>The line switched back on: the '#' and the blanks after it go.</summary>
    public string Enabled() => MarkerStart < 0 ? _text : _text.Substring(0, MarkerStart) + _text.Substring(AddressStart);

    private int SkipBlanks(int pos)
    {
        while (pos < _text.Length && IsBlank(_text[pos]))
        {
            pos++;
        }

        return pos;
    }

    private int TokenEnd(int pos, int end)
    {
        while (pos < end && !IsBlank(_text[pos]))
        {
            pos++;
        }

        return pos;
    }
}
