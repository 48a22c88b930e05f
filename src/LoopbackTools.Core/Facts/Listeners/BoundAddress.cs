using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Listeners;

/// <summary>
/// An address sockets are bound to, with its text and scope worked out once. Sockets bound to the same address
/// share one instance (see <see cref="BoundAddressCache"/>), so 20,000 listeners on 127.0.0.1 cost one string.
/// </summary>
internal sealed class BoundAddress
{
    public BoundAddress(IPAddress address)
    {
        Address = address;
        Text = address.ToString();
        Scope = BindScopes.Of(address);
    }

    public IPAddress Address { get; }

    public string Text { get; }

    public BindScope Scope { get; }

    public AddressFamily Family => Address.AddressFamily;
}
