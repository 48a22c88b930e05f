using System;
using System.Collections.Generic;
using System.Threading;
using LoopbackTools.Containers;

namespace LoopbackTools.Listeners.Owners;

/// <summary>
/// The Container and Service of each listener's owner for one scan. Per process: one cgroup read on Linux, one
/// lookup in a table read once from the Service Control Manager on Windows. The engines are asked only when some
/// owner runs in a container cgroup or is an engine proxy, and then once for the whole scan.
/// </summary>
internal sealed class OwnerContext
{
    private readonly Func<int, CgroupMembership> _membership;
    private readonly Func<int, string?> _service;
    private readonly Func<IReadOnlyList<DockerEndpoint>> _engines;
    private readonly TimeSpan _timeout;
    private readonly Dictionary<int, (CgroupMembership Membership, bool IsProxy)> _byProcess = new();
    private CgroupMembership _namespace = CgroupMembership.None;
    private bool _needEngine;
    private ContainerDirectory? _directory;

    public OwnerContext(Func<int, CgroupMembership> membership, Func<int, string?> service, Func<IReadOnlyList<DockerEndpoint>> engines, TimeSpan timeout)
    {
        _membership = membership;
        _service = service;
        _engines = engines;
        _timeout = timeout;
    }

    /// <summary>Nothing to tell (a platform without cgroups or services, or owners not wanted).</summary>
    public static OwnerContext Nothing() => new(_ => CgroupMembership.None, _ => null, () => Array.Empty<DockerEndpoint>(), ContainerEngineLookup.DefaultTimeout);

    /// <summary>-NetworkNamespaceOf: rows whose owner is unknown or outside a container belong to this process's container.</summary>
    public void UseNamespaceOf(int processId)
    {
        _namespace = _membership(processId);
        _needEngine |= _namespace.ContainerId is not null;
    }

    /// <summary>Reads what the owner's cgroup says, once per process, and notes whether an engine must be asked.</summary>
    public void Observe(ProcessOwner owner)
    {
        if (_byProcess.ContainsKey(owner.ProcessId))
        {
            return;
        }

        var membership = _membership(owner.ProcessId);
        var isProxy = EngineProxy.IsProxy(owner.Name);
        _byProcess[owner.ProcessId] = (membership, isProxy);
        _needEngine |= membership.ContainerId is not null || isProxy;
    }

    /// <summary>Asks the engines, when needed, before the first <see cref="ContainerOf"/>.</summary>
    public void Resolve(CancellationToken cancellationToken)
    {
        if (_directory is not null)
        {
            return;
        }

        if (!_needEngine)
        {
            _directory = ContainerDirectory.Empty;
            return;
        }

        _directory = ContainerEngineLookup.Query(_engines(), _timeout, cancellationToken);
    }

    /// <summary>The container the owner runs in, else the one whose published port a proxy owner serves.</summary>
    public string? ContainerOf(ProcessOwner? owner, ListenerProtocol protocol, int port, string localAddress)
    {
        var directory = _directory ?? throw new InvalidOperationException("Resolve the owner context before reading it.");
        if (owner is not null && _byProcess.TryGetValue(owner.ProcessId, out var facts))
        {
            if (facts.Membership.ContainerId is string id)
            {
                return directory.NameOf(id);
            }

            if (facts.IsProxy && directory.PublisherOf(protocol, port, localAddress) is string publisher)
            {
                return publisher;
            }
        }

        return _namespace.ContainerId is string shared ? directory.NameOf(shared) : null;
    }

    public string? ServiceOf(ProcessOwner? owner)
    {
        if (owner is null)
        {
            return null;
        }

        return _byProcess.TryGetValue(owner.ProcessId, out var facts) && facts.Membership.Service is not null ? facts.Membership.Service : _service(owner.ProcessId);
    }
}
