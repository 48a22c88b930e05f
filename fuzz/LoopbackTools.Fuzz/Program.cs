using LoopbackTools.Fuzz;
using SharpFuzz;

// fuzz/run.sh drives this:
//   LoopbackTools.Fuzz TARGET              the AFL++ fork server over TARGET (stdin is one input); run once without AFL
//   LoopbackTools.Fuzz --seeds FIXTURES DIR  writes the starting corpus of every target to DIR/<target>/
//   LoopbackTools.Fuzz --list               the target names
if (args.Length == 1 && args[0] == "--list")
{
    foreach (var target in FuzzTargets.All)
    {
        Console.WriteLine(target.Name);
    }

    return 0;
}

if (args.Length == 3 && args[0] == "--seeds")
{
    var count = SeedCorpus.Write(args[1], args[2]);
    Console.WriteLine($"{count} seeds written to {args[2]}");
    return 0;
}

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: LoopbackTools.Fuzz TARGET | --seeds FIXTURES DIR | --list");
    return 2;
}

var fuzzed = FuzzTargets.Find(args[0]);
Fuzzer.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    fuzzed.Run(buffer.ToArray());
});
return 0;
