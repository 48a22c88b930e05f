using System.Globalization;

namespace LoopbackTools.Binding;

/// <summary>An inclusive range of ports, as sysctl and netsh print them.</summary>
internal readonly struct PortRange
{
    public PortRange(int first, int last)
    {
        First = first;
        Last = last;
    }

    public int First { get; }

    public int Last { get; }

    public bool Contains(int port) => port >= First && port <= Last;

    public override string ToString() => First == Last
        ? First.ToString(CultureInfo.InvariantCulture)
        : string.Format(CultureInfo.InvariantCulture, "{0}-{1}", First, Last);
}
