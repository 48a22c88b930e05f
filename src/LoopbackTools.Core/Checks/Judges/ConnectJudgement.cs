using System.Collections.Generic;
using System.Linq;
using LoopbackTools.Connection;

namespace LoopbackTools.Judges;

/// <summary>
/// The one rule for "connect to the addresses a name resolved to, and judge" (Test-LocalhostConnection's Connect step,
/// Test-ContainerConnection's Connect step, Test-LocalhostResolution's port rows): the shape of the attempts and its
/// status, overall (<see cref="Status"/>) and per address (<see cref="StatusAt"/>). Callers word the finding.
/// </summary>
internal sealed class ConnectJudgement
{
    private ConnectJudgement(IReadOnlyList<ConnectAttempt> attempts, bool unreachableIsNoStack)
    {
        Attempts = attempts;
        Accepted = attempts.Where(a => a.Accepted).ToArray();
        NoStack = unreachableIsNoStack ? attempts.Where(a => a.Choice > 0 && a.Outcome == ConnectOutcome.Unreachable).ToArray() : new ConnectAttempt[0];
        ByName = attempts.Where(a => a.Choice > 0 && !NoStack.Contains(a)).OrderBy(a => a.Choice).ToArray();
        Failing = ByName.Where(a => !a.Accepted).ToArray();
        First = ByName.FirstOrDefault();
        Shape = attempts.Count == 0 ? ConnectShape.NoAttempt
            : Accepted.Count == 0 ? ConnectShape.NothingAccepts
            : First is null ? ConnectShape.NameDoesNotResolve
            : !First.Accepted ? ConnectShape.FirstAddressFails
            : Failing.Count > 0 ? ConnectShape.LaterAddressFails
            : ConnectShape.EveryAddressAccepts;
    }

    public IReadOnlyList<ConnectAttempt> Attempts { get; }

    public IReadOnlyList<ConnectAttempt> Accepted { get; }

    /// <summary>The name's addresses that count, in the order clients try them.</summary>
    public IReadOnlyList<ConnectAttempt> ByName { get; }

    /// <summary>The name's addresses that do not accept.</summary>
    public IReadOnlyList<ConnectAttempt> Failing { get; }

    /// <summary>The name's addresses left out as a family with no stack where the connection starts (see <see cref="Of"/>).</summary>
    public IReadOnlyList<ConnectAttempt> NoStack { get; }

    public ConnectAttempt? First { get; }

    public ConnectShape Shape { get; }

    /// <summary>
    /// The step's status. Only a measured failure to connect by the name Fails: nothing accepts, or the first address
    /// (clients that try only it fail). A name that resolves to nothing is the resolution step's Fail; here the address
    /// tried anyway that accepts is a Warn.
    /// </summary>
    public ConnectionStatus Status => Shape switch
    {
        ConnectShape.NoAttempt => ConnectionStatus.Skipped,
        ConnectShape.NothingAccepts or ConnectShape.FirstAddressFails => ConnectionStatus.Fail,
        ConnectShape.NameDoesNotResolve or ConnectShape.LaterAddressFails => ConnectionStatus.Warn,
        _ => ConnectionStatus.Pass,
    };

    /// <summary>One address's status under the same rule: the first address of the name Fails when it does not accept; a later one Warns while another address of the name accepts.</summary>
    public ConnectionStatus StatusAt(ConnectAttempt attempt)
    {
        if (Shape == ConnectShape.NothingAccepts)
        {
            return ConnectionStatus.Fail;
        }

        if (attempt.Accepted || attempt.Choice == 0 || NoStack.Contains(attempt))
        {
            return ConnectionStatus.Pass;
        }

        return ReferenceEquals(attempt, First) || !ByName.Any(a => a.Accepted) ? ConnectionStatus.Fail : ConnectionStatus.Warn;
    }

    /// <param name="unreachableIsNoStack">
    /// True where an Unreachable address of the name is a family with no stack at the connection's start (inside a
    /// container, where Docker turns IPv6 off: the socket cannot even be made and clients move on at once), so it is
    /// left out of the judgement. False on the host, where an unreachable ::1 is a broken loopback to fix.
    /// </param>
    public static ConnectJudgement Of(IReadOnlyList<ConnectAttempt> attempts, bool unreachableIsNoStack = false) => new(attempts, unreachableIsNoStack);
}
