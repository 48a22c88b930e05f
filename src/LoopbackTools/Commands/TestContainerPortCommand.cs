using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using LoopbackTools.Commands.Completion;
using LoopbackTools.Commands.Plumbing;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Commands;

/// <summary>
/// Test-ContainerPort: checks each link from a container's app to the host port (running, exposed, published,
/// listening inside, answering). Names arrive per pipeline record and are checked together, concurrently, at the end.
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ContainerPort", DefaultParameterSetName = ByContainerSet)]
[OutputType(typeof(ContainerPortResult))]
public sealed class TestContainerPortCommand : LoopbackCmdlet
{
    private const string ByContainerSet = "ByContainer";
    private const string AllSet = "All";
    private readonly List<string> _targets = new();

    /// <summary>Container names; binds the Names property of `docker ps --format json | ConvertFrom-Json`.</summary>
    [Parameter(ParameterSetName = ByContainerSet, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Names", "ContainerName")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContainerNameCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Container ids or id prefixes; binds the ID property of docker ps objects.</summary>
    [Parameter(ParameterSetName = ByContainerSet, ValueFromPipelineByPropertyName = true)]
    [Alias("ContainerId")]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    [Parameter(ParameterSetName = AllSet, Mandatory = true)]
    public SwitchParameter All { get; set; }

    [Parameter]
    [ValidateRange(1, 65535)]
    [ArgumentCompleter(typeof(ContainerPortCompleter))]
    public int[]? Port { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Engine { get; set; }

    [Parameter]
    [ValidateRange(1, 300)]
    public int TimeoutSec { get; set; } = 3;

    protected override void ProcessRecord()
    {
        // A docker ps object carries both ID and Names: the id alone identifies it.
        _targets.AddRange(Id ?? Name ?? Array.Empty<string>());
    }

    protected override void EndProcessing()
    {
        // Nothing named and no pipeline means every running container; an empty pipeline means none.
        if (!All.IsPresent && _targets.Count == 0 && MyInvocation.ExpectingInput)
        {
            return;
        }

        var options = new ContainerPortCheckOptions
        {
            All = All.IsPresent || _targets.Count == 0,
            Containers = _targets,
            Ports = Port ?? Array.Empty<int>(),
            Timeout = TimeSpan.FromSeconds(TimeoutSec),
        };
        IReadOnlyList<ContainerCheckOutcome> outcomes;
        try
        {
            var checker = ContainerPortChecker.ForEndpoint(Engine, options.Timeout);
            WriteVerbose($"Container engine endpoint: {checker.Client.Endpoint.Display}.");
            var watch = Stopwatch.StartNew();
            outcomes = RunWithProgress((token, progress) => checker.CheckAsync(options, progress, token));
            if (checker.Client.Engine is { } engine)
            {
                WriteVerbose($"Engine: {engine} (API {engine.ApiVersion}); {outcomes.Count} container(s) checked in {watch.ElapsedMilliseconds} ms.");
            }
        }
        catch (LoopbackToolsException e)
        {
            ThrowLoopbackError(e);
            return;
        }

        foreach (var outcome in outcomes)
        {
            if (outcome.Error is not null)
            {
                WriteLoopbackError(outcome.Error);
            }

            foreach (var result in outcome.Results)
            {
                WriteObject(result);
            }
        }
    }
}
