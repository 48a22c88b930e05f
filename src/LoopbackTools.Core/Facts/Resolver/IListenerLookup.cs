using System.Collections.Generic;
using System.Threading;

namespace LoopbackTools.Resolution;

/// <summary>The listener table, as far as the port matrix needs it.</summary>
public interface IListenerLookup
{
    /// <summary>The TCP listeners on <paramref name="port"/>, or null when the table cannot be read here.</summary>
    IReadOnlyList<ListenerBinding>? Find(int port, CancellationToken cancellationToken);
}
