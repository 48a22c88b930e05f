namespace LoopbackTools.Connection;

/// <summary>One nftables rule that drops or rejects the checked traffic, as nft would print it.</summary>
internal sealed class NftRule
{
    public NftRule(string family, string table, string chain, long handle, string text, bool rejects)
    {
        Family = family;
        Table = table;
        Chain = chain;
        Handle = handle;
        Text = text;
        Rejects = rejects;
    }

    public string Family { get; }

    public string Table { get; }

    public string Chain { get; }

    public long Handle { get; }

    /// <summary>The rule in nft's own syntax, e.g. <c>iifname "lo" tcp dport 4556 drop</c>.</summary>
    public string Text { get; }

    /// <summary>Reject (the client sees a refusal) rather than drop (the client times out).</summary>
    public bool Rejects { get; }

    public string Location => $"table {Family} {Table}, chain {Chain}, handle {Handle}";

    public string DeleteCommand => $"nft delete rule {Family} {Table} {Chain} handle {Handle}";
}
