using System.Globalization;

namespace LoopbackTools.Listeners;

/// <summary>A listener found in another network namespace, with what names that namespace.</summary>
internal sealed class OtherNamespaceListener
{
    public OtherNamespaceListener(LoopbackListener listener, long namespaceId, int memberProcessId, string? netnsName)
    {
        Listener = listener;
        NamespaceId = namespaceId;
        MemberProcessId = memberProcessId;
        NetnsName = netnsName;
    }

    public LoopbackListener Listener { get; }

    public long NamespaceId { get; }

    /// <summary>A process inside that namespace (nsenter -n -t takes it).</summary>
    public int MemberProcessId { get; }

    /// <summary>The `ip netns` name, when the namespace has one.</summary>
    public string? NetnsName { get; }

    /// <summary>How a user knows the namespace: the container, the ip netns name, the service, else its id.</summary>
    public string Namespace
    {
        get
        {
            var id = string.Format(CultureInfo.InvariantCulture, "net:[{0}]", NamespaceId);
            if (Listener.Container is { } container)
            {
                return $"container {container} ({id})";
            }

            if (NetnsName is { } name)
            {
                return $"ip netns {name} ({id})";
            }

            return Listener.Service is { } service ? $"service {service} ({id})" : $"network namespace {id}";
        }
    }

    /// <summary>The command that runs a client in that namespace.</summary>
    public string EnterCommand => NetnsName is { } name
        ? $"ip netns exec {name} CLIENT"
        : string.Format(CultureInfo.InvariantCulture, "nsenter -n -t {0} CLIENT", MemberProcessId);
}
