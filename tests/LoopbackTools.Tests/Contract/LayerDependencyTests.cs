using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Contract;

/// <summary>docs/architecture.md's dependency rule over the real source, and the rule catching a wrong-way reference.</summary>
public sealed class LayerDependencyTests
{
    [Fact]
    public void Facts_never_reference_checks_probes_reference_neither_and_cmdlets_reach_core_through_checks_and_facts()
    {
        var files = LayerDependencies.Read(Path.Combine(RepoPaths.Root, "src")).ToList();
        Assert.Contains(files, f => f.Path.StartsWith("LoopbackTools.Core/Facts/", StringComparison.Ordinal));
        Assert.Contains(files, f => f.Path.StartsWith("LoopbackTools.Core/Probes/", StringComparison.Ordinal));
        var violations = LayerDependencies.Violations(files);
        Assert.True(violations.Count == 0, "Wrong-way references:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void A_fact_that_names_a_check_type_is_caught_by_using_and_by_qualified_name()
    {
        var check = new LayerSourceFile("LoopbackTools.Core/Checks/A/Verdict.cs", "namespace LoopbackTools.A;\ninternal sealed class Verdict { }\n");
        var byUsing = new LayerSourceFile("LoopbackTools.Core/Facts/B/Reader.cs", "using LoopbackTools.A;\nnamespace LoopbackTools.B;\ninternal static class Reader { static Verdict? V; }\n");
        var byName = new LayerSourceFile("LoopbackTools.Core/Facts/B/Other.cs", "namespace LoopbackTools.B;\ninternal static class Other { static A.Verdict? V; }\n");
        var inComment = new LayerSourceFile("LoopbackTools.Core/Facts/B/Quiet.cs", "using LoopbackTools.A;\nnamespace LoopbackTools.B;\n/// <summary>Verdict is only named here.</summary>\ninternal static class Quiet { const string S = \"Verdict\"; }\n");

        var violations = LayerDependencies.Violations(new[] { check, byUsing, byName, inComment });

        Assert.Equal(
            new[]
            {
                "LoopbackTools.Core/Facts/B/Other.cs (Facts) references LoopbackTools.A.Verdict (Checks, LoopbackTools.Core/Checks/A/Verdict.cs)",
                "LoopbackTools.Core/Facts/B/Reader.cs (Facts) references LoopbackTools.A.Verdict (Checks, LoopbackTools.Core/Checks/A/Verdict.cs)",
            },
            violations);
    }

    [Fact]
    public void A_check_may_name_a_fact_and_a_cmdlet_may_not_name_a_probe()
    {
        var fact = new LayerSourceFile("LoopbackTools.Core/Facts/B/Reader.cs", "namespace LoopbackTools.B;\ninternal static class Reader { }\n");
        var probe = new LayerSourceFile("LoopbackTools.Core/Probes/Ping.cs", "namespace LoopbackTools.Sockets;\ninternal static class Ping { }\n");
        var check = new LayerSourceFile("LoopbackTools.Core/Checks/A/Step.cs", "using LoopbackTools.B;\nusing LoopbackTools.Sockets;\nnamespace LoopbackTools.A;\ninternal static class Step { static Reader? R; static Ping? P; }\n");
        var cmdlet = new LayerSourceFile("LoopbackTools/Commands/TestCommand.cs", "using LoopbackTools.Sockets;\nnamespace LoopbackTools.Commands;\npublic sealed class TestCommand { static Ping? P; }\n");

        Assert.Equal(
            new[] { "LoopbackTools/Commands/TestCommand.cs (Cmdlets) references LoopbackTools.Sockets.Ping (Probes, LoopbackTools.Core/Probes/Ping.cs)" },
            LayerDependencies.Violations(new[] { fact, probe, check, cmdlet }));
    }
}
