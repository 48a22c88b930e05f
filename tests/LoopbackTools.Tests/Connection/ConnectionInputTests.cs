using LoopbackTools.Connection;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Tests.Connection;

/// <summary>Bad input is refused before anything is scanned, resolved or connected.</summary>
public sealed class ConnectionInputTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65536)]
    public async Task A_port_outside_1_to_65535_is_Connection_InvalidPort(int port)
    {
        var e = await Assert.ThrowsAsync<LoopbackToolsException>(() => new LocalhostConnectionCheck().CheckAsync(new LocalhostConnectionOptions(port), CancellationToken.None));

        Assert.Equal(("Connection.InvalidPort", ErrorKind.InvalidArgument, (object?)port), (e.ErrorId, e.Kind, e.TargetObject));
        Assert.Contains("between 1 and 65535", e.Remedy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two words")]
    [InlineData("a..b")]
    [InlineData("")]
    public async Task A_name_that_cannot_be_asked_is_Dns_InvalidName(string name)
    {
        var e = await Assert.ThrowsAsync<LoopbackToolsException>(() => new LocalhostConnectionCheck().CheckAsync(new LocalhostConnectionOptions(80) { Name = name }, CancellationToken.None));

        Assert.Equal("Dns.InvalidName", e.ErrorId);
    }

    [Fact]
    public void Quiet_is_true_only_when_no_step_fails()
    {
        LocalhostConnectionStep Step(ConnectionStatus status) => new("localhost", 80, ConnectionStep.Bind, status, "x", Array.Empty<string>());

        Assert.True(LocalhostConnectionCheck.Healthy(new[] { Step(ConnectionStatus.Pass), Step(ConnectionStatus.Warn), Step(ConnectionStatus.Skipped) }));
        Assert.False(LocalhostConnectionCheck.Healthy(new[] { Step(ConnectionStatus.Pass), Step(ConnectionStatus.Fail) }));
    }
}
