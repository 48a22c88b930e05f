using System.Globalization;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Dns;

/// <summary>The DNS area's failures, each with a stable ErrorId and a remedy.</summary>
internal static class DnsErrors
{
    public const string InvalidServerId = "Dns.InvalidServer";
    public const string InvalidNameId = "Dns.InvalidName";
    public const string ZonedAddressId = "Dns.ZonedAddress";

    public static LoopbackToolsException InvalidServer(string? text) => new(
        InvalidServerId,
        ErrorKind.InvalidArgument,
        string.Format(CultureInfo.InvariantCulture, "'{0}' is not a DNS server address.", text),
        "Give an IP address with an optional port: 127.0.0.1, 127.0.0.1:5353, ::1 or [::1]:5353 (names are not accepted, to avoid asking DNS where DNS is).",
        text);

    public static LoopbackToolsException InvalidName(string name, string problem) => new(
        InvalidNameId,
        ErrorKind.InvalidArgument,
        string.Format(CultureInfo.InvariantCulture, "The name '{0}' {1}.", name, problem),
        "Give a host name such as localhost or app.localhost.",
        name);

    /// <param name="zone">"%lo".</param>
    public static LoopbackToolsException ZonedAddress(string name, string zone) => new(
        ZonedAddressId,
        ErrorKind.InvalidArgument,
        string.Format(CultureInfo.InvariantCulture, "The name '{0}' is an IPv6 address with a zone index ({1}): a zone names a network link, never this machine's loopback, and clients disagree on how to write it (a URL needs %25).", name, zone),
        "Give the address without the zone, or ::1 or 127.0.0.1 for this machine's loopback.",
        name);
}
