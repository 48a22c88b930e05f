namespace LoopbackTools.Resolution.Sources;

/// <summary>Which source answered a name (empty when none did or none can be named), the chain consulted, and the words for the finding.</summary>
internal sealed class ResolverSource
{
    public ResolverSource(string source, string[] chain, string phrase)
    {
        Source = source;
        Chain = chain;
        Phrase = phrase;
    }

    /// <summary><c>files</c>, <c>myhostname</c>, <c>resolve</c>, <c>dns</c>, <c>systemd-resolved stub</c>, <c>hosts file</c>...; empty when unknown.</summary>
    public string Source { get; }

    /// <summary>The sources in the order they are asked, as the configuration writes them (<c>resolve [!UNAVAIL=return]</c>).</summary>
    public string[] Chain { get; }

    /// <summary>Inserted into the finding after the name: <c> from nss-myhostname (hosts: files myhostname dns)</c>.</summary>
    public string Phrase { get; }
}
