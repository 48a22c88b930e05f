using System.Collections.Generic;
using System.Threading;

namespace LoopbackTools.Resolution;

/// <summary>A listener table that knows nothing: the matrix then judges from connection outcomes alone.</summary>
internal sealed class UnknownListenerLookup : IListenerLookup
{
    public static readonly UnknownListenerLookup Instance = new();

    public IReadOnlyList<ListenerBinding>? Find(int port, CancellationToken cancellationToken) => null;
}
