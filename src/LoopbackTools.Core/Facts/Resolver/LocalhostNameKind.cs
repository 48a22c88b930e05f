namespace LoopbackTools.Resolution;

/// <summary>What RFC 6761 6.3 says a name must resolve to.</summary>
public enum LocalhostNameKind
{
    /// <summary><c>localhost</c> itself: loopback, always.</summary>
    Localhost,

    /// <summary>A name under <c>.localhost</c> (<c>app.localhost</c>): loopback too, by the RFC; few resolvers agree.</summary>
    UnderLocalhost,

    /// <summary>Any other name: no rule, only what each layer says.</summary>
    Other,
}
