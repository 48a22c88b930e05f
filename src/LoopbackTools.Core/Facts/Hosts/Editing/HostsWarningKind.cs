namespace LoopbackTools.Hosts;

/// <summary>Why an edit that succeeds may still not do what was meant.</summary>
public enum HostsWarningKind
{
    /// <summary>Another line maps the same name to a different address; resolvers use the first line.</summary>
    NameMappedElsewhere,

    /// <summary>The edited line has more than 9 names; Windows ignores the rest.</summary>
    TooManyNames,

    /// <summary>A name that resolved to loopback now resolves to another address.</summary>
    LoopbackNameMovedAway,

    /// <summary>The edited line is rewritten by another program (WSL, Docker Desktop): the edit will not last.</summary>
    RewrittenByManager,
}
