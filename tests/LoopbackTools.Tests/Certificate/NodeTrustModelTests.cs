using System.Text;
using LoopbackTools.Tests.Components;
using LoopbackTools.Trust;

namespace LoopbackTools.Tests.Certificate;

/// <summary>
/// The parts of the Node model that do not need a server: which node versions know --use-system-ca and
/// NODE_USE_SYSTEM_CA (from node's changelog; node 20's refusal is proven against the real node in
/// TlsClientAgreementTests), and finding the OPENSSLDIR a node binary carries.
/// </summary>
public sealed class NodeTrustModelTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lbt-node-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [Theory]
    [InlineData("20.20.2", false, false)]
    [InlineData("22.14.0", false, false)]
    [InlineData("22.15.0", true, false)]
    [InlineData("22.19.0", true, true)]
    [InlineData("23.8.0", false, false)]
    [InlineData("23.9.0", true, false)]
    [InlineData("24.5.0", true, false)]
    [InlineData("24.6.0", true, true)]
    [InlineData("25.0.0", true, true)]
    public void Node_versions_know_the_system_store_switches_as_their_changelog_says(string version, bool option, bool variable)
    {
        Assert.Equal(option, NodeTrustReader.KnowsSystemCaOption(Version.Parse(version)));
        Assert.Equal(variable, NodeTrustReader.KnowsSystemCaVariable(Version.Parse(version)));
    }

    [Fact]
    public void An_unknown_version_knows_neither()
    {
        Assert.False(NodeTrustReader.KnowsSystemCaOption(null));
        Assert.False(NodeTrustReader.KnowsSystemCaVariable(null));
    }

    [Theory]
    [InlineData(0)]
    [InlineData((1 << 20) - 5)] // the marker cut by the first megabyte's end
    [InlineData((1 << 20) - 15)] // the path cut by it
    [InlineData(3 << 20)]
    public void The_openssldir_is_found_wherever_it_sits_in_the_binary(int offset)
    {
        var path = Path.Combine(_folder, "node");
        var bytes = new byte[offset + (1 << 20)];
        new Random(offset).NextBytes(bytes);
        for (var i = 0; i < bytes.Length; i++)
        {
            bytes[i] = bytes[i] == (byte)'O' ? (byte)'o' : bytes[i]; // no stray marker start in the noise
        }

        var text = Encoding.ASCII.GetBytes("OPENSSLDIR: \"/usr/local/ssl\"");
        Buffer.BlockCopy(text, 0, bytes, offset, text.Length);
        File.WriteAllBytes(path, bytes);

        Assert.Equal("/usr/local/ssl", NodeOpenSslDirectory.Find(path));
    }

    [Fact]
    public void A_node_linked_to_the_system_libcrypto_has_no_openssldir()
    {
        var path = Path.Combine(_folder, "node-shared");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes(new string('x', 3 << 20) + "OpenSSL 3.0.17"));

        Assert.Null(NodeOpenSslDirectory.Find(path));
    }

    [RequiresFact("node", NeedsRoot = false)]
    public void The_node_here_has_an_openssldir_exactly_when_it_carries_its_own_openssl()
    {
        // NodeSource's node 20 here carries OpenSSL built for /etc/ssl; Debian's own nodejs links the system's libcrypto.
        var node = Component.Find("node")!;
        var shared = Run.Command(node, "-p", "process.config.variables.node_shared_openssl").Output.Trim();
        var directory = NodeOpenSslDirectory.Find(node);
        if (shared == "true")
        {
            Assert.Null(directory);
        }
        else
        {
            Assert.StartsWith("/", directory);
        }
    }
}
