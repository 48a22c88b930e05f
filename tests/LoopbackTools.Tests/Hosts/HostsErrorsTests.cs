using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

public sealed class HostsErrorsTests
{
    [Fact]
    public void Malformed_line_error_targets_the_problem_and_names_the_line()
    {
        var problem = HostsDocument.Parse("127.0.0.1 ok.test\n127.1 short.test\n", "/etc/hosts").Problems[0];
        var error = HostsErrors.MalformedLine(problem);
        Assert.Equal("Hosts.MalformedLine", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, error.Kind);
        Assert.Same(problem, error.TargetObject);
        Assert.StartsWith("/etc/hosts line 2: '127.1' is not an IP address", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Remedy);
    }

    [Fact]
    public void Invalid_path_error_is_an_invalid_argument_with_the_path_as_target()
    {
        var error = HostsErrors.InvalidPath("HKLM:\\Software", "it belongs to the Registry provider.");
        Assert.Equal("Hosts.InvalidPath", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("HKLM:\\Software", error.TargetObject);
        Assert.Contains("Registry provider", error.FullMessage, StringComparison.Ordinal);
    }
}
