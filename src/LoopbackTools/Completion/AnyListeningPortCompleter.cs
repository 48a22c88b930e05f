namespace LoopbackTools.Commands.Completion;

/// <summary>Get-LoopbackListener -Port: TCP and UDP listening ports.</summary>
public sealed class AnyListeningPortCompleter : ListeningPortCompleter
{
    protected override bool IncludeUdp => true;
}
