using System.Diagnostics;
using System.Text;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// This machine's glibc answering for generated hosts files: Fixtures/glibc/hosts-oracle.c compiled with gcc and
/// run once, in a private mount namespace of its own with "hosts: files" only (no DNS query can be made). Each
/// file is written over its /etc/hosts, then every name is asked through getaddrinfo and _nss_files_gethostbyname4_r.
/// </summary>
public sealed class GlibcHostsOracle : IDisposable
{
    private readonly string _folder;
    private readonly Process _process;

    private GlibcHostsOracle(string folder, Process process)
    {
        _folder = folder;
        _process = process;
    }

    public static GlibcHostsOracle Start()
    {
        Component.Require(new[] { "gcc" }, needsRoot: true);
        var folder = Directory.CreateTempSubdirectory("lbt-glibc-oracle-").FullName;
        var program = Path.Combine(folder, "hosts-oracle");
        var compiled = Run.Command("gcc", new[] { "-O2", "-Wall", "-o", program, RepoPaths.Fixture("glibc", "hosts-oracle.c"), "-ldl" }, TimeSpan.FromSeconds(60));
        if (compiled.ExitCode != 0)
        {
            throw new InvalidOperationException("gcc failed: " + compiled.Error);
        }

        var scratch = Directory.CreateDirectory(Path.Combine(folder, "scratch")).FullName;
        var process = Process.Start(ProcessStart.Info(program, new[] { scratch }, null, redirectInput: true)) ?? throw new InvalidOperationException("cannot start the hosts oracle");
        return new GlibcHostsOracle(folder, process);
    }

    /// <summary>Asks every (file, names) pair; answers come back in the same order, one per name.</summary>
    public IReadOnlyList<GlibcAnswer> Ask(IReadOnlyList<(byte[] Content, IReadOnlyList<string> NameBytes)> files)
    {
        var expected = files.Sum(f => f.NameBytes.Count);
        var writer = Task.Run(() =>
        {
            var input = _process.StandardInput;
            for (var i = 0; i < files.Count; i++)
            {
                input.Write("F " + Convert.ToHexString(files[i].Content) + "\n");
                foreach (var name in files[i].NameBytes)
                {
                    input.Write("Q " + Convert.ToHexString(Encoding.Latin1.GetBytes(name)) + "\n");
                }
            }

            input.Flush();
        });

        var answers = new List<GlibcAnswer>(expected);
        while (answers.Count < expected)
        {
            var line = _process.StandardOutput.ReadLine()
                ?? throw new InvalidOperationException("the hosts oracle stopped: " + _process.StandardError.ReadToEnd());
            answers.Add(GlibcAnswer.Parse(line));
        }

        writer.GetAwaiter().GetResult();
        return answers;
    }

    public void Dispose()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(10_000))
            {
                _process.Kill();
            }
        }
        finally
        {
            _process.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
