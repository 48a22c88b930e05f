using System.Text;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// ReplaceFile's failures, injected at the call (the seam around the P/Invoke) on real files: each fake does to
/// the files what Windows documents for its error code, then returns the code. Runs on every OS.
/// </summary>
public sealed class WindowsFileReplacerTests : IDisposable
{
    private static readonly byte[] Original = Encoding.ASCII.GetBytes("127.0.0.1 localhost\r\n");
    private static readonly byte[] Edited = Encoding.ASCII.GetBytes("127.0.0.1 localhost\r\n127.0.0.1 app.test\r\n");
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("lbt-replacefile-");
    private readonly List<TimeSpan> _waits = new();

    public WindowsFileReplacerTests()
    {
        Target = Path.Combine(_folder.FullName, "hosts");
        Replacement = Path.Combine(_folder.FullName, ".hosts.0123456789ab.tmp");
        Backup = Target + ".bak";
        File.WriteAllBytes(Target, Original);
        File.WriteAllBytes(Replacement, Edited);
        File.WriteAllBytes(Backup, Encoding.ASCII.GetBytes("older backup\r\n"));
    }

    private string Target { get; }

    private string Replacement { get; }

    private string Backup { get; }

    public void Dispose() => _folder.Delete(true);

    /// <summary>1177: the original was moved to the backup name and the replacement not moved in: it is moved back.</summary>
    [Fact]
    public void Error_1177_moves_the_original_back_from_the_backup_name()
    {
        var replacer = Replacer((replacement, target, backup) =>
        {
            File.Move(target, backup!, true);
            return WindowsFileReplacer.UnableToMoveReplacement2;
        });

        var error = Assert.Throws<LoopbackToolsException>(() => replacer.Replace(Replacement, Target, Backup, Original, Target));

        Assert.Equal("Hosts.WriteFailed", error.ErrorId);
        Assert.Contains("1177", error.Message, StringComparison.Ordinal);
        Assert.Contains("moved back", error.Message, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllBytes(Target));
    }

    /// <summary>1176 without a backup name: the original is gone; its bytes come back from memory.</summary>
    [Fact]
    public void Error_1176_without_backup_writes_the_original_back_from_memory()
    {
        var replacer = Replacer((replacement, target, backup) =>
        {
            File.Delete(target);
            return WindowsFileReplacer.UnableToMoveReplacement;
        });

        var error = Assert.Throws<LoopbackToolsException>(() => replacer.Replace(Replacement, Target, null, Original, Target));

        Assert.Equal("Hosts.WriteFailed", error.ErrorId);
        Assert.Contains("written back from memory", error.Message, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllBytes(Target));
    }

    /// <summary>1176 with a backup name: both files keep their names, so the file is reported unchanged.</summary>
    [Fact]
    public void Error_1176_with_backup_leaves_the_file_as_it_was()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => Replacer((_, _, _) => WindowsFileReplacer.UnableToMoveReplacement).Replace(Replacement, Target, Backup, Original, Target));
        Assert.EndsWith(HostsErrors.NotChanged, error.Message, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllBytes(Target));
    }

    /// <summary>Antivirus holding the fresh file: 32, 5 and 1175 are retried with growing waits until ReplaceFile succeeds.</summary>
    [Theory]
    [InlineData(WindowsFileReplacer.SharingViolation)]
    [InlineData(WindowsFileReplacer.AccessDenied)]
    [InlineData(WindowsFileReplacer.UnableToRemoveReplaced)]
    public void Transient_error_is_retried_with_backoff(int code)
    {
        var calls = 0;
        var replacer = Replacer((replacement, target, backup) =>
        {
            if (++calls <= 3)
            {
                return code;
            }

            File.Replace(replacement, target, backup);
            return 0;
        });

        replacer.Replace(Replacement, Target, Backup, Original, Target);

        Assert.Equal(4, calls);
        Assert.Equal(Edited, File.ReadAllBytes(Target));
        Assert.Equal(Original, File.ReadAllBytes(Backup));
        Assert.Equal(3, _waits.Count);
        Assert.True(_waits[0] < _waits[1] && _waits[1] < _waits[2], string.Join(", ", _waits));
    }

    /// <summary>A sharing violation that lasts: given up after about three seconds of waits, the file untouched.</summary>
    [Fact]
    public void Lasting_sharing_violation_gives_up_after_a_few_seconds()
    {
        var calls = 0;
        var replacer = Replacer((_, _, _) =>
        {
            calls++;
            return WindowsFileReplacer.SharingViolation;
        });

        var error = Assert.Throws<IOException>(() => replacer.Replace(Replacement, Target, Backup, Original, Target));

        Assert.Contains("error 32", error.Message, StringComparison.Ordinal);
        Assert.Equal(_waits.Count + 1, calls);
        Assert.InRange(_waits.Sum(w => w.TotalSeconds), 2, 5);
        Assert.Equal(Original, File.ReadAllBytes(Target));
    }

    private WindowsFileReplacer Replacer(Func<string, string, string?, int> replaceFile) => new(replaceFile, _waits.Add);
}
