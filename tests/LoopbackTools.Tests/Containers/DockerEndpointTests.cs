using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Tests.Containers;

public sealed class DockerEndpointTests
{
    [Theory]
    [InlineData("unix:///var/run/docker.sock", DockerEndpointKind.UnixSocket, "/var/run/docker.sock", 0, "unix:///var/run/docker.sock")]
    [InlineData("/run/user/1000/podman/podman.sock", DockerEndpointKind.UnixSocket, "/run/user/1000/podman/podman.sock", 0, "unix:///run/user/1000/podman/podman.sock")]
    [InlineData("npipe:////./pipe/docker_engine", DockerEndpointKind.NamedPipe, "docker_engine", 0, "npipe:////./pipe/docker_engine")]
    [InlineData("npipe://./pipe/podman-machine-default", DockerEndpointKind.NamedPipe, "podman-machine-default", 0, "npipe:////./pipe/podman-machine-default")]
    [InlineData("tcp://127.0.0.1:2375", DockerEndpointKind.Tcp, "127.0.0.1", 2375, "tcp://127.0.0.1:2375")]
    [InlineData("TCP://localhost:2375/", DockerEndpointKind.Tcp, "127.0.0.1", 2375, "tcp://127.0.0.1:2375")]
    [InlineData("tcp://[::1]:2375", DockerEndpointKind.Tcp, "::1", 2375, "tcp://[::1]:2375")]
    public void Local_endpoints_parse(string value, DockerEndpointKind kind, string address, int port, string display)
    {
        var endpoint = DockerEndpoint.Parse(value);
        Assert.Equal((kind, address, port, display), (endpoint.Kind, endpoint.Address, endpoint.Port, endpoint.Display));
    }

    [Theory]
    [InlineData("docker.sock")]
    [InlineData("unix://relative/docker.sock")]
    [InlineData("ssh://user@host")]
    [InlineData("npipe:////server/pipe/docker_engine")]
    [InlineData("tcp://127.0.0.1")]
    [InlineData("tcp://127.0.0.1:99999")]
    [InlineData("tcp://[::1")]
    public void Malformed_endpoints_are_invalid_endpoint_errors(string value)
    {
        var error = Assert.Throws<LoopbackToolsException>(() => DockerEndpoint.Parse(value));
        Assert.Equal(DockerErrors.InvalidEndpointId, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("unix:///var/run/docker.sock", error.Remedy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tcp://192.0.2.10:2376")]
    [InlineData("tcp://[2001:db8::1]:2375")]
    [InlineData("tcp://docker.example.test:2375")]
    [InlineData("tcp://0.0.0.0:2375")]
    public void Engines_off_this_machine_are_refused_without_a_lookup(string value)
    {
        var error = Assert.Throws<LoopbackToolsException>(() => DockerEndpoint.Parse(value));
        Assert.Equal(DockerErrors.RemoteEngineRefusedId, error.ErrorId);
    }

    [Fact]
    public void Engine_parameter_wins_over_DOCKER_HOST_which_wins_over_the_platform_default()
    {
        Assert.Equal("/a.sock", DockerEndpoint.Resolve("unix:///a.sock", "unix:///b.sock", false).Address);
        Assert.Equal("/b.sock", DockerEndpoint.Resolve(null, "unix:///b.sock", false).Address);
        Assert.Equal(DockerEndpoint.DefaultUnixSocket, DockerEndpoint.Resolve(" ", "", false).Address);
        Assert.Equal("docker_engine", DockerEndpoint.Resolve(null, null, true).Address);
    }
}
