namespace LoopbackTools;

/// <summary>How one checklist step came out; the finding says why and what to do.</summary>
public enum ConnectionStatus
{
    /// <summary>Nothing to fix at this step.</summary>
    Pass,

    /// <summary>Works, but some clients or some networks will be surprised.</summary>
    Warn,

    /// <summary>Broken: this step is why a client cannot connect.</summary>
    Fail,

    /// <summary>The step does not apply or could not run here; the finding says why.</summary>
    Skipped,
}
