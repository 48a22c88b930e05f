namespace LoopbackTools.Tests.Contract;

/// <summary>A cmdlet as found by metadata in LoopbackTools.dll.</summary>
/// <param name="PipelineInput">Per parameter, how it takes pipeline input, written as MAML's pipelineInput attribute
/// ("false", "true (ByValue)", "true (ByPropertyName)", "true (ByValue, ByPropertyName)").</param>
public sealed record CmdletInfo(
    string Name,
    string ClassName,
    IReadOnlyList<string> Parameters,
    IReadOnlyList<string> OutputTypes,
    bool SupportsShouldProcess,
    IReadOnlyDictionary<string, string> PipelineInput);
