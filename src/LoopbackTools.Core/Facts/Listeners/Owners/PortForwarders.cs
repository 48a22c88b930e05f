using System;
using System.Globalization;
using System.Linq;

namespace LoopbackTools.Listeners.Owners;

/// <summary>
/// Reads what a forwarding listener forwards to from its owner's command line (/proc/PID/cmdline, arguments joined
/// by spaces): <c>ssh -L [bind:]port:host:hostport</c>, <c>socat TCP-LISTEN:port,... TCP:host:port</c>,
/// <c>kubectl port-forward RESOURCE [local:]remote</c>. Pure text work; null when the line names no forward of the port.
/// </summary>
internal static class PortForwarders
{
    public static PortForward? Find(string? process, string? commandLine, int port)
    {
        if (string.IsNullOrWhiteSpace(commandLine))
        {
            return null;
        }

        var words = commandLine!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        var tool = System.IO.Path.GetFileName(words[0]);
        if (string.Equals(process, "ssh", StringComparison.Ordinal) || tool == "ssh")
        {
            return Ssh(words, port);
        }

        if (string.Equals(process, "socat", StringComparison.Ordinal) || tool == "socat")
        {
            return Socat(words, port);
        }

        return string.Equals(process, "kubectl", StringComparison.Ordinal) || tool == "kubectl" ? Kubectl(words, port) : null;
    }

    private static PortForward? Ssh(string[] words, int port)
    {
        for (var i = 1; i < words.Length; i++)
        {
            // -L spec, -Lspec, or -L among grouped flags (-fNL spec, -NL9000:h:80)
            var word = words[i];
            var flag = word.Length > 1 && word[0] == '-' && word[1] != '-' ? word.IndexOf('L') : -1;
            string? spec = null;
            if (flag > 0 && word.Substring(1, flag - 1).All(char.IsLetter))
            {
                spec = flag == word.Length - 1 ? (i + 1 < words.Length ? words[++i] : null) : word.Substring(flag + 1);
            }

            var parts = spec is null ? null : SplitHostPorts(spec);
            // [bind_address:]port:host:hostport
            if (parts is { Length: 3 or 4 } && Port(parts[parts.Length - 3]) == port)
            {
                return new PortForward("ssh -L", Join(parts[parts.Length - 2], parts[parts.Length - 1]), "as seen from the SSH server");
            }
        }

        return null;
    }

    private static PortForward? Socat(string[] words, int port)
    {
        var listen = Array.FindIndex(words, w => Kind(w) is "TCP-LISTEN" or "TCP4-LISTEN" or "TCP6-LISTEN" or "TCP-L");
        if (listen < 0 || Port(Value(words[listen]).Split(',')[0]) != port)
        {
            return null;
        }

        var far = words.Skip(1).Where((w, i) => i + 1 != listen).FirstOrDefault(w => Kind(w) is "TCP" or "TCP4" or "TCP6" or "TCP-CONNECT");
        if (far is null)
        {
            return null;
        }

        var parts = SplitHostPorts(Value(far).Split(',')[0]);
        return parts.Length == 2 ? new PortForward("socat", Join(parts[0], parts[1]), "from this machine") : null;
    }

    private static PortForward? Kubectl(string[] words, int port)
    {
        var verb = Array.IndexOf(words, "port-forward");
        if (verb < 0)
        {
            return null;
        }

        var resource = words.Skip(verb + 1).FirstOrDefault(w => w.IndexOf('/') > 0 && !w.StartsWith("-", StringComparison.Ordinal))
            ?? words.Skip(verb + 1).Where((w, i) => !w.StartsWith("-", StringComparison.Ordinal) && !FlagWithValue(words[verb + i])).FirstOrDefault(w => w.IndexOf(':') < 0 && Port(w) is null);
        foreach (var word in words.Skip(verb + 1).Where(w => !w.StartsWith("-", StringComparison.Ordinal)))
        {
            var parts = word.Split(':');
            if (parts.Length == 2 && Port(parts[0]) == port && Port(parts[1]) is int remote)
            {
                return new PortForward("kubectl port-forward", $"{resource ?? "the resource"} port {remote.ToString(CultureInfo.InvariantCulture)}", "in the cluster");
            }

            if (parts.Length == 1 && Port(parts[0]) == port)
            {
                return new PortForward("kubectl port-forward", $"{resource ?? "the resource"} port {parts[0]}", "in the cluster");
            }
        }

        return null;
    }

    /// <summary>kubectl flags whose value is the next word (so "web" in "-n web" is no resource).</summary>
    private static bool FlagWithValue(string word) => word is "-n" or "--namespace" or "--address" or "-c" or "--container" or "--context" or "--kubeconfig" or "--pod-running-timeout";

    private static string Kind(string address)
    {
        var colon = address.IndexOf(':');
        return (colon < 0 ? address : address.Substring(0, colon)).ToUpperInvariant();
    }

    private static string Value(string address) => address.Substring(address.IndexOf(':') + 1);

    /// <summary>Splits on colons outside brackets, so [::1]:5432 stays one host.</summary>
    private static string[] SplitHostPorts(string spec)
    {
        var parts = new System.Collections.Generic.List<string>();
        var start = 0;
        var depth = 0;
        for (var i = 0; i < spec.Length; i++)
        {
            depth += spec[i] == '[' ? 1 : spec[i] == ']' ? -1 : 0;
            if (spec[i] == ':' && depth == 0)
            {
                parts.Add(spec.Substring(start, i - start));
                start = i + 1;
            }
        }

        parts.Add(spec.Substring(start));
        return parts.Select(p => p.Trim('[', ']')).ToArray();
    }

    private static string Join(string host, string port) => Addressing.EndpointText.Host(host) + ":" + port;

    private static int? Port(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 && p < 65536 ? p : null;
}
