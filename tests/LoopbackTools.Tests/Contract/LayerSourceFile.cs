namespace LoopbackTools.Tests.Contract;

/// <summary>One C# file as the layer rule reads it: its path under src/ (forward slashes) and its text.</summary>
public sealed record LayerSourceFile(string Path, string Text);
