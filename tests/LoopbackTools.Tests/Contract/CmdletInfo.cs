namespace LoopbackTools.Tests.Contract;

/// <summary>A cmdlet as found by metadata in LoopbackTools.dll.</summary>
public sealed record CmdletInfo(string Name, string ClassName, IReadOnlyList<string> Parameters, IReadOnlyList<string> OutputTypes, bool SupportsShouldProcess);
