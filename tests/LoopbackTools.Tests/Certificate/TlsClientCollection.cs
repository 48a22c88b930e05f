namespace LoopbackTools.Tests.Certificate;

/// <summary>The real-client TLS tests run one at a time: each starts five clients (Chromium among them) on a 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TlsClientCollection
{
    public const string Name = "Real TLS clients";
}
