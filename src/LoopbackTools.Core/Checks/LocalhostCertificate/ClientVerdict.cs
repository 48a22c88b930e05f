using LoopbackTools.Connection;

namespace LoopbackTools.Certificate;

/// <summary>One client family's verdict on a certificate, before it becomes a row.</summary>
internal readonly struct ClientVerdict
{
    public ClientVerdict(TlsClient client, StepVerdict verdict)
    {
        Client = client;
        Verdict = verdict;
    }

    public TlsClient Client { get; }

    public StepVerdict Verdict { get; }
}
