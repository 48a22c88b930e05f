using System.Globalization;
using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.HostsWriterProbe;

/// <summary>
/// flip PATH A B      write A and B alternately over PATH until killed; "ready" first, then one "wrote" per write.
/// add PATH ADDRESS NAME      read PATH, plan the entry, print "ready", wait for a line on stdin, then write.
/// replace PATH CONTENT BACKUP     write the bytes of file CONTENT over PATH (based on PATH as it is now), keeping BACKUP ("-": none).
/// add-many PATH PREFIX COUNT     add PREFIX-0..COUNT-1 one by one, re-reading and retrying on a concurrency error.
/// Exit codes: 0 written, 3 Hosts.ConcurrentModification, 2 other LoopbackTools error, 64 usage.
/// </summary>
public static class Program
{
    public const int Conflict = 3;
    public const int Failed = 2;
    public const int Usage = 64;

    public static int Main(string[] args)
    {
        try
        {
            return args.FirstOrDefault() switch
            {
                "flip" when args.Length == 4 => Flip(args[1], File.ReadAllBytes(args[2]), File.ReadAllBytes(args[3])),
                "add" when args.Length == 4 => AddAfterSignal(args[1], args[2], args[3]),
                "replace" when args.Length == 4 => Replace(args[1], File.ReadAllBytes(args[2]), args[3] == "-" ? null : args[3]),
                "add-many" when args.Length == 4 => AddMany(args[1], args[2], int.Parse(args[3], CultureInfo.InvariantCulture)),
                _ => Usage,
            };
        }
        catch (LoopbackToolsException e) when (e.ErrorId == HostsErrors.ConcurrentModificationId)
        {
            Console.Error.WriteLine(e.ErrorId + ": " + e.FullMessage);
            return Conflict;
        }
        catch (LoopbackToolsException e)
        {
            Console.Error.WriteLine(e.ErrorId + ": " + e.FullMessage);
            return Failed;
        }
    }

    private static int Flip(string path, byte[] a, byte[] b)
    {
        var expected = File.ReadAllBytes(path);
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        while (true)
        {
            var next = expected.AsSpan().SequenceEqual(a) ? b : a;
            HostsFileWriter.Write(path, expected, next, HostsFileWriter.DefaultBackupPath(path));
            expected = next;
            Console.Out.WriteLine("wrote");
            Console.Out.Flush();
        }
    }

    private static int Replace(string path, byte[] content, string? backup)
    {
        HostsFileWriter.Write(path, File.ReadAllBytes(path), content, backup);
        return 0;
    }

    private static int AddAfterSignal(string path, string address, string name)
    {
        var document = HostsDocument.Load(path);
        var editor = new HostsEditor(document);
        editor.Add(address, name, null, null, false);
        var result = editor.Build();
        Console.Out.WriteLine("ready");
        Console.Out.Flush();
        Console.In.ReadLine();
        HostsFileWriter.Write(result, document, null);
        return 0;
    }

    private static int AddMany(string path, string prefix, int count)
    {
        var conflicts = 0;
        for (var i = 0; i < count; i++)
        {
            while (true)
            {
                var document = HostsDocument.Load(path);
                var editor = new HostsEditor(document);
                editor.Add("127.0.0.1", prefix + "-" + i.ToString(CultureInfo.InvariantCulture) + ".test", null, null, false);
                try
                {
                    HostsFileWriter.Write(editor.Build(), document, null);
                    break;
                }
                catch (LoopbackToolsException e) when (e.ErrorId == HostsErrors.ConcurrentModificationId)
                {
                    conflicts++;
                }
            }
        }

        Console.Out.WriteLine("conflicts " + conflicts.ToString(CultureInfo.InvariantCulture));
        return 0;
    }
}
