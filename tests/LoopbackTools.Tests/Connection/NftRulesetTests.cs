using LoopbackTools.Connection;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Connection;

/// <summary>The rule finder on a ruleset captured from real `nft -j list ruleset` (Fixtures/nft/ruleset.json).</summary>
public sealed class NftRulesetTests
{
    private static readonly string Ruleset = File.ReadAllText(RepoPaths.Fixture("nft", "ruleset.json"));

    [Fact]
    public void A_drop_on_lo_for_the_port_is_found_and_printed_as_nft_prints_it()
    {
        var rule = Assert.Single(NftRuleset.Blocking(Ruleset, 4556));

        Assert.Equal(("inet", "t", "input", false), (rule.Family, rule.Table, rule.Chain, rule.Rejects));
        Assert.Equal("iifname \"lo\" tcp dport 4556 drop", rule.Text);
        Assert.Equal($"nft delete rule inet t input handle {rule.Handle}", rule.DeleteCommand);
    }

    [Theory]
    [InlineData(8000)]
    [InlineData(8443)]
    public void A_reject_for_a_set_of_ports_is_found_for_each_member(int port)
    {
        var rule = Assert.Single(NftRuleset.Blocking(Ruleset, port));

        Assert.True(rule.Rejects);
        Assert.Equal("tcp dport { 8000, 8443 } reject with tcp reset", rule.Text);
    }

    [Fact]
    public void A_range_matches_inside_and_not_outside()
    {
        Assert.Equal("tcp dport 9000-9100 counter drop", Assert.Single(NftRuleset.Blocking(Ruleset, 9050)).Text);
        Assert.Empty(NftRuleset.Blocking(Ruleset, 9101));
    }

    [Fact]
    public void Rules_for_another_interface_or_port_and_accept_rules_are_not_blamed()
    {
        Assert.Empty(NftRuleset.Blocking(Ruleset, 22));
        Assert.Empty(NftRuleset.Blocking(Ruleset, 4557));
    }

    [Fact]
    public void An_output_chain_with_policy_drop_is_reported()
    {
        Assert.Equal(new[] { "chain ip f out (hook output, policy drop)" }, NftRuleset.DropPolicies(Ruleset));
    }

    [Fact]
    public void Text_that_is_not_JSON_is_a_format_error_not_a_crash()
    {
        Assert.Throws<FormatException>(() => NftRuleset.Blocking("Error: Operation not permitted", 1));
        Assert.Empty(NftRuleset.Blocking("{\"nftables\": [{\"rule\": {\"expr\": 5}}, 7, {\"rule\": {}}]}", 1));
    }

    [Theory] // found by fuzzing (Fixtures/fuzz/nft-json): JSON of another shape threw instead of reading as no rule
    [InlineData("\"text\"")]
    [InlineData("[1, 2]")]
    [InlineData("{\"nftables\": [{\"rule\": {\"expr\": [{\"match\": {\"op\": \"==\", \"left\": 5, \"right\": 80}}, {\"drop\": null}]}}]}")]
    [InlineData("{\"nftables\": [{\"rule\": {\"expr\": [{\"match\": {\"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, \"right\": {\"range\": [\"a\", {}]}}}, {\"drop\": null}]}}]}")]
    [InlineData("{\"nftables\": [{\"rule\": {\"handle\": \"x\", \"expr\": [{\"match\": [1]}, {\"jump\": 3}, {\"reject\": \"tcp reset\"}]}}]}")]
    public void JSON_of_an_unfamiliar_shape_never_throws(string json)
    {
        foreach (var rule in NftRuleset.Blocking(json, 80))
        {
            Assert.NotNull(rule.Text);
        }

        Assert.NotNull(NftRuleset.DropPolicies(json));
    }

    [Fact]
    public void A_port_too_large_for_a_long_matches_nothing() =>
        Assert.Empty(NftRuleset.Blocking("{\"nftables\": [{\"rule\": {\"expr\": [{\"match\": {\"op\": \"==\", \"left\": {\"payload\": {\"protocol\": \"tcp\", \"field\": \"dport\"}}, \"right\": 99999999999999999999999}}, {\"drop\": null}]}}]}", 80));
}
