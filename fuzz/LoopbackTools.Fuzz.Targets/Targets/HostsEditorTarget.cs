using LoopbackTools.Hosts;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>
/// Parse, one edit chosen by the first four bytes (the rest is the file), write, parse again; the result is
/// checked by <see cref="HostsEditChecks"/>, and an added line removed again must give back the file's bytes.
/// The editor's own refusals (Hosts.EntryNotFound, Hosts.InvalidHostName, ...) are clean errors.
/// </summary>
public static class HostsEditorTarget
{
    private static readonly string[] Addresses = { "127.0.0.1", "::1", "0.0.0.0", "192.0.2.7", "fe80::1%lo0", "::ffff:127.0.0.2", "not-an-address" };
    private static readonly string[] Names = { "localhost", "fuzz.test", "*.test", "a?c", "-bad name", "x" };
    private static readonly string[] Comments = { "edited", string.Empty, "a # b", "tab\there" };

    private static readonly string[] EditorErrors =
    {
        HostsErrors.InvalidAddressId, HostsErrors.InvalidHostNameId, HostsErrors.InvalidCommentId, HostsErrors.InvalidUpdateId,
        HostsErrors.NameAlreadyMappedId, HostsErrors.EntryNotFoundId, HostsErrors.ConcurrentModificationId,
    };

    public static void Run(byte[] data)
    {
        var input = new FuzzInput(data, 4);
        var document = HostsDocument.Parse(input.Payload, HostsChecks.Path);
        var editor = new HostsEditor(document);
        var op = input.Choice(0) % 6;
        var entry = document.Entries.Count == 0 ? null : document.Entries[input.Choice(1) % document.Entries.Count];
        var pick = input.Choice(2);
        var flags = input.Choice(3);
        var name = entry is not null && (flags & 0x80) == 0 ? entry.HostName : Names[pick % Names.Length];
        HostsLineChange? addition = null;
        var planned = false;
        CleanErrors.Allow(
            () =>
            {
                switch (op)
                {
                    case 0:
                        addition = editor.Add(Addresses[pick % Addresses.Length], Names[(pick >> 3) % Names.Length], (flags & 1) == 0 ? null : new[] { "alias.test" }, Comments[(flags >> 1) % Comments.Length], (flags & 8) != 0);
                        break;
                    case 1:
                        editor.Set(name, Update(pick, flags));
                        break;
                    case 2:
                        editor.SetLine(entry?.LineNumber ?? 1 + (pick % Math.Max(1, document.Lines.Count)), name, Update(pick, flags));
                        break;
                    case 3:
                        editor.Remove((flags & 0x40) == 0 ? name : null, (flags & 0x20) == 0 ? null : entry?.IPAddress ?? Addresses[pick % Addresses.Length]);
                        break;
                    case 4:
                        editor.RemoveLine(entry?.LineNumber ?? 1, name);
                        break;
                    default:
                        addition = editor.Add(Addresses[pick % Addresses.Length], "added.fuzz.test", null, null, force: true);
                        break;
                }

                planned = true;
            },
            EditorErrors);

        if (!planned)
        {
            return;
        }

        // An edit that would change the file's encoding is refused (Hosts.EncodingWouldChange): a clean error.
        HostsEditResult? built = null;
        CleanErrors.Allow(() => built = editor.Build(), HostsErrors.EncodingWouldChangeId);
        if (built is not { } result)
        {
            return;
        }

        HostsEditChecks.Result(document, result);
        if (addition is not null)
        {
            RemoveAfterAdd(document, result, addition);
        }
    }

    private static HostsEntryUpdate Update(byte pick, byte flags)
    {
        var address = (flags & 1) == 0 ? null : Addresses[pick % Addresses.Length];
        var aliases = (flags & 2) == 0 ? null : (flags & 4) == 0 ? Array.Empty<string>() : new[] { "alias.test", "b" };
        var comment = (flags & 8) == 0 ? null : Comments[(pick >> 4) % Comments.Length];
        var enable = (flags & 0x30) == 0x10;
        var nothingElse = address is null && aliases is null && comment is null && !enable;
        return new HostsEntryUpdate(address, aliases, comment, enable, disable: (flags & 0x30) == 0x20 || nothingElse);
    }

    /// <summary>Removing the line just added gives back the file (plus the newline a file without one had to get).</summary>
    private static void RemoveAfterAdd(HostsDocument original, HostsEditResult added, HostsLineChange addition)
    {
        var line = added.Document.Lines.Count;
        var entry = added.Document.Lines[line - 1].Entry;
        FuzzInvariantException.Check(entry is not null, $"the added line '{addition.After}' is an entry");
        var remover = new HostsEditor(added.Document);
        remover.RemoveLine(line, entry!.HostName);
        var removed = remover.Build();
        var expected = original.ToBytes();
        if (!original.EndsWithNewline)
        {
            var ending = HostsDocument.EndingText(original.PreferredLineEnding);
            var encoded = original.Encoding is HostsEncoding.Utf16LittleEndian ? System.Text.Encoding.Unicode.GetBytes(ending)
                : original.Encoding is HostsEncoding.Utf16BigEndian ? System.Text.Encoding.BigEndianUnicode.GetBytes(ending)
                : System.Text.Encoding.UTF8.GetBytes(ending);
            expected = expected.Concat(encoded).ToArray();
        }

        FuzzInvariantException.Check(removed.ToBytes().AsSpan().SequenceEqual(expected), "Remove after Add gives back the original bytes");
    }
}
