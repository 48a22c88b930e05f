using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Connection;

/// <summary>
/// Reads the JSON of <c>nft -j list ruleset</c> and finds the rules that drop or reject TCP to a port on loopback:
/// a drop or reject whose destination-port match includes the port, or that matches <c>lo</c> without a port.
/// Anything unfamiliar is rendered as nft's key name, never a crash: the ruleset is data, not trusted.
/// </summary>
internal static class NftRuleset
{
    private static readonly string[] Interfaces = { "iifname", "oifname", "iif", "oif" };
    private static readonly string[] Loopback = { "lo" };

    public static IReadOnlyList<NftRule> Blocking(string json, int port) => Blocking(json, port, Loopback);

    /// <summary>As above, for traffic arriving on (or leaving by) any of <paramref name="interfaces"/>, e.g. a container bridge.</summary>
    public static IReadOnlyList<NftRule> Blocking(string json, int port, IReadOnlyCollection<string> interfaces)
    {
        JToken root;
        try
        {
            root = JToken.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException("nft printed something that is not JSON: " + e.Message, e);
        }

        var rules = new List<NftRule>();
        if (Child(root, "nftables") is not JArray items)
        {
            return rules;
        }

        foreach (var item in items.OfType<JObject>())
        {
            if (item["rule"] is JObject rule && rule["expr"] is JArray expressions && Blocks(expressions, port, interfaces, out var rejects))
            {
                rules.Add(new NftRule(Text(rule["family"]), Text(rule["table"]), Text(rule["chain"]), Number(rule["handle"]) ?? 0, Render(expressions), rejects));
            }
        }

        return rules;
    }

    /// <summary>Base chains on the input or output hook whose policy is drop: a loopback packet no rule accepts dies there.</summary>
    public static IReadOnlyList<string> DropPolicies(string json)
    {
        var found = new List<string>();
        if (Child(JToken.Parse(json), "nftables") is JArray items)
        {
            foreach (var chain in items.OfType<JObject>().Select(i => i["chain"]).OfType<JObject>())
            {
                var hook = Text(chain["hook"]);
                if ((hook == "input" || hook == "output") && Text(chain["policy"]) == "drop")
                {
                    found.Add($"chain {Text(chain["family"])} {Text(chain["table"])} {Text(chain["name"])} (hook {hook}, policy drop)");
                }
            }
        }

        return found;
    }

    private static bool Blocks(JArray expressions, int port, IReadOnlyCollection<string> interfaces, out bool rejects)
    {
        rejects = expressions.OfType<JObject>().Any(e => e.ContainsKey("reject"));
        var drops = rejects || expressions.OfType<JObject>().Any(e => e.ContainsKey("drop"));
        if (!drops)
        {
            return false;
        }

        var portMatch = (bool?)null;
        var onInterface = false;
        var others = 0;
        foreach (var match in expressions.OfType<JObject>().Select(e => e["match"]).OfType<JObject>())
        {
            var left = match["left"];
            var op = Text(match["op"]);
            var negated = op == "!=";
            if (IsDestinationPort(left))
            {
                var includes = Includes(match["right"], port);
                portMatch = (portMatch ?? true) && (negated ? !includes : includes);
            }
            else if (Interfaces.Contains(Text(Child(Child(left, "meta"), "key"))))
            {
                var isOurs = interfaces.Contains(Text(match["right"]));
                if (isOurs != negated)
                {
                    onInterface = true;
                }
                else
                {
                    return false; // the rule is about another interface
                }
            }
            else
            {
                others++;
            }
        }

        return portMatch ?? (onInterface || others == 0);
    }

    private static bool IsDestinationPort(JToken? left) =>
        Child(left, "payload") is JObject payload && Text(payload["field"]) == "dport" && Text(payload["protocol"]) is "tcp" or "th";

    private static bool Includes(JToken? right, int port)
    {
        switch (right)
        {
            case JValue value:
                return Number(value) == port;
            case JObject { } o when o["set"] is JArray set:
                return set.Any(element => Includes(element, port));
            case JObject { } o when o["range"] is JArray { Count: 2 } range:
                return Number(range[0]) <= port && port <= Number(range[1]);
            case JArray array:
                return array.Any(element => Includes(element, port));
            default:
                return false;
        }
    }

    /// <summary>The rule as nft prints it, for the common expressions.</summary>
    internal static string Render(JArray expressions) =>
        string.Join(" ", expressions.OfType<JObject>().Select(RenderOne).Where(t => t.Length > 0));

    private static string RenderOne(JObject expression)
    {
        var property = expression.Properties().FirstOrDefault();
        if (property is null)
        {
            return string.Empty;
        }

        switch (property.Name)
        {
            case "match":
                var left = RenderValue(Child(property.Value, "left"), false);
                var quote = Interfaces.Take(2).Contains(Text(Child(Child(Child(property.Value, "left"), "meta"), "key")));
                var op = Text(Child(property.Value, "op"));
                var shownOp = op is "==" or "in" or "" ? string.Empty : op + " ";
                return $"{left} {shownOp}{RenderValue(Child(property.Value, "right"), quote)}";
            case "reject":
                var type = Text(Child(property.Value, "type"));
                return type == "tcp reset" ? "reject with tcp reset" : "reject";
            case "jump":
            case "goto":
                return property.Name + " " + Text(Child(property.Value, "target"));
            default:
                return property.Name;
        }
    }

    private static string RenderValue(JToken? token, bool quote)
    {
        switch (token)
        {
            case null:
                return string.Empty;
            case JValue value when value.Type == JTokenType.String:
                return quote ? "\"" + value + "\"" : value.ToString(CultureInfo.InvariantCulture);
            case JValue value:
                return Convert.ToString(value.Value, CultureInfo.InvariantCulture) ?? string.Empty;
            case JArray array:
                return string.Join(",", array.Select(a => RenderValue(a, quote)));
            case JObject o when o["meta"] is JObject meta:
                return Text(meta["key"]);
            case JObject o when o["payload"] is JObject payload:
                return $"{Text(payload["protocol"])} {Text(payload["field"])}";
            case JObject o when o["ct"] is JObject ct:
                return "ct " + Text(ct["key"]);
            case JObject o when o["set"] is JArray set:
                return "{ " + string.Join(", ", set.Select(s => RenderValue(s, quote))) + " }";
            case JObject o when o["range"] is JArray range:
                return string.Join("-", range.Select(r => RenderValue(r, quote)));
            case JObject o when o["prefix"] is JObject prefix:
                return $"{RenderValue(prefix["addr"], false)}/{RenderValue(prefix["len"], false)}";
            case JObject o:
                return o.Properties().FirstOrDefault()?.Name ?? string.Empty;
            default:
                return token.ToString();
        }
    }

    /// <summary>A member of an object; null for anything else, so an unfamiliar shape reads as absent instead of throwing.</summary>
    private static JToken? Child(JToken? token, string key) => token is JObject o ? o[key] : null;

    /// <summary>An integer that fits a long (nft prints ports and handles so); null for any other value.</summary>
    private static long? Number(JToken? token) => token is JValue { Type: JTokenType.Integer, Value: long n } ? n : null;

    private static string Text(JToken? token) => token is JValue { Value: not null } v ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) ?? string.Empty : string.Empty;
}
