using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using LoopbackTools.Addressing;
using LoopbackTools.Judges;
using LoopbackTools.Resolution;

namespace LoopbackTools.Connection;

/// <summary>
/// The steps for a name that is an IP literal (docs/decisions.md 107): the hosts file and the resolver do not apply
/// (Skipped, saying so), and a literal outside loopback is never connected to: this module checks this machine's
/// loopback, and a packet to another address would leave it.
/// </summary>
internal static class LiteralName
{
    public static StepVerdict HostsFile(string shown) =>
        StepVerdict.Skipped($"{shown} is an address literal: clients use it as is, no hosts-file line applies to it");

    public static StepVerdict Resolution(string shown, IPAddress literal) =>
        StepVerdict.Skipped($"{shown} is an address literal: clients connect to {literal} without a lookup (no hosts file, no DNS)", "literal: " + literal);

    /// <summary>The name's addresses that may be connected to: all of a host name's; a literal's only when it is loopback.</summary>
    public static IPAddress[] Connectable(IPAddress? literal, IPAddress[] resolved) =>
        literal is null || AddressClassifier.IsLoopback(literal) ? resolved : Array.Empty<IPAddress>();

    /// <summary>The Connect step for a literal: did a connection to that very address get in, and where else one did.</summary>
    public static StepVerdict Connect(ConnectionFacts facts, IPAddress literal, Func<ConnectionFacts, string> nothingAccepts)
    {
        var evidence = facts.Attempts.Concat(facts.ListenerAttempts).Select(a => a.Shown).ToArray();
        var target = EndpointText.Of(literal, facts.Port);
        if (!AddressClassifier.IsLoopback(literal))
        {
            return StepVerdict.Skipped($"{literal} is not a loopback address: this checklist tests this machine's loopback (127.0.0.0/8, ::1) and sends nothing to {target} - test a remote address with a client there", evidence);
        }

        var mine = facts.Attempts.FirstOrDefault(a => a.Choice > 0);
        if (mine is { Accepted: true })
        {
            return StepVerdict.Pass($"{target} accepts", evidence);
        }

        var others = facts.Attempts.Where(a => a.Accepted).Select(a => a.Target).ToArray();
        if (mine is null || others.Length == 0)
        {
            return StepVerdict.Fail(nothingAccepts(facts), evidence);
        }

        var said = ConnectWording.Said(mine.Outcome);
        return facts.LoopbackCause(literal) is { } cause
            ? StepVerdict.Fail($"{target} {said}, but {AddressSet.Join(others)} accepts port {facts.Port}: {cause}", evidence.Concat(facts.Loopback?.Evidence() ?? Enumerable.Empty<string>()).ToArray())
            : StepVerdict.Fail($"{target} {said}, but {AddressSet.Join(others)} accepts port {facts.Port} - connect to {EndpointText.Of(others[0], facts.Port)}, or bind the server to {literal} too", evidence);
    }

    /// <summary>The Bind step's finding when no listener serves the literal.</summary>
    public static string NotServed(ConnectionFacts facts, string bound, string connectTo) =>
        $"bound to {bound}, not to {facts.Name}: a connection to {EndpointText.Of(facts.Name, facts.Port)} never reaches it - connect to {connectTo}, or bind the server to {facts.Literal} too";
}
