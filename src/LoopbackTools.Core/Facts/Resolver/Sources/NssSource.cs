using System;
using System.Collections.Generic;

namespace LoopbackTools.Resolution.Sources;

/// <summary>
/// One service of an nsswitch.conf database line, with the actions after it (<c>resolve [!UNAVAIL=return]</c>).
/// Without an action glibc returns on SUCCESS and continues on every other status.
/// </summary>
internal sealed class NssSource
{
    private readonly Dictionary<NssStatus, bool> _returnOn;

    public NssSource(string name, string text, Dictionary<NssStatus, bool> returnOn)
    {
        Name = name;
        Text = text;
        _returnOn = returnOn;
    }

    /// <summary>The module name, lower-cased: <c>files</c>, <c>myhostname</c>, <c>resolve</c>, <c>dns</c>, <c>mdns4_minimal</c>.</summary>
    public string Name { get; }

    /// <summary>The service as written, actions included, spacing normalised: <c>resolve [!UNAVAIL=return]</c>.</summary>
    public string Text { get; }

    /// <summary>True when the lookup stops at this service on <paramref name="status"/>.</summary>
    public bool ReturnsOn(NssStatus status) => _returnOn.TryGetValue(status, out var stop) ? stop : status == NssStatus.Success;

    public override string ToString() => Text;

    internal static bool TryParseStatus(string text, out NssStatus status)
    {
        switch (text.ToUpperInvariant())
        {
            case "SUCCESS": status = NssStatus.Success; return true;
            case "NOTFOUND": status = NssStatus.NotFound; return true;
            case "UNAVAIL": status = NssStatus.Unavail; return true;
            case "TRYAGAIN": status = NssStatus.TryAgain; return true;
            default: status = default; return false;
        }
    }

    internal static bool IsReturn(string action) => string.Equals(action, "return", StringComparison.OrdinalIgnoreCase);
}
