using System.Text;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Tests.Containers;

public sealed class DockerJsonTests
{
    [Fact]
    public async Task Recorded_version_negotiates_the_engines_own_api_version()
    {
        var engine = DockerJson.ParseVersion(await Json("version.http"));
        Assert.Equal("Docker", engine.Product);
        Assert.Equal("20.10.24+dfsg1", engine.Version);
        Assert.Equal("/v1.41", engine.PathPrefix);
    }

    [Theory]
    [InlineData("1.51", "/v1.47")]
    [InlineData("1.24", "/v1.24")]
    [InlineData("1.12", "")]
    [InlineData("not-a-version", "")]
    public void Version_is_capped_by_the_newest_we_support_and_old_engines_use_the_plain_path(string reported, string prefix)
    {
        var engine = DockerJson.ParseVersion(new JObject { ["ApiVersion"] = reported, ["Version"] = "x" });
        Assert.Equal(prefix, engine.PathPrefix);
    }

    [Fact]
    public void Podmans_version_answer_is_recognised()
    {
        // Shape of podman 4.3.1's GET /version (captured from podman system service on Debian 12).
        var json = JObject.Parse("{\"Platform\":{\"Name\":\"linux/amd64/debian-12\"},\"Components\":[{\"Name\":\"Podman Engine\",\"Version\":\"4.3.1\"}],\"Version\":\"4.3.1\",\"ApiVersion\":\"1.41\"}");
        var engine = DockerJson.ParseVersion(json);
        Assert.Equal("Podman 4.3.1", engine.ToString());
        Assert.Equal("/v1.41", engine.PathPrefix);
    }

    [Fact]
    public void Docker_Desktop_is_recognised_as_running_its_containers_in_a_vm()
    {
        var desktop = DockerJson.ParseVersion(JObject.Parse("{\"Platform\":{\"Name\":\"Docker Desktop 4.38.0 (181591)\"},\"Version\":\"27.5.1\",\"ApiVersion\":\"1.47\"}"));
        Assert.True(desktop.RunsInVirtualMachine);
        Assert.False(DockerJson.ParseVersion(JObject.Parse("{\"Platform\":{\"Name\":\"Docker Engine - Community\"},\"ApiVersion\":\"1.47\"}")).RunsInVirtualMachine);
    }

    [Fact]
    public async Task Recorded_container_list_gives_the_running_ids()
    {
        var ids = DockerJson.ParseContainerIds(await Json("containers-json.http"));
        Assert.Equal(4, ids.Count);
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{64}$", id));
    }

    [Fact]
    public async Task Recorded_container_list_gives_the_names_without_the_slash()
    {
        var names = DockerJson.ParseContainerNames(await Json("containers-json.http"));
        Assert.Equal(new[] { "exposed-only", "loopback-app", "v6", "web" }, names.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Published_on_loopback_gives_one_binding()
    {
        var c = DockerJson.ParseInspection(await Json("inspect-web.http"));
        Assert.Equal("web", c.Name);
        Assert.True(c.Running);
        Assert.True(c.Pid > 0);
        var port = Assert.Single(c.Ports);
        Assert.Equal((8080, "tcp", true), (port.Port, port.Protocol, port.Exposed));
        var binding = Assert.Single(port.Bindings);
        Assert.Equal(("127.0.0.1", 18080), (binding.HostIp, binding.HostPort));
    }

    [Fact]
    public async Task Published_without_an_address_gives_an_ipv4_and_an_ipv6_binding()
    {
        var c = DockerJson.ParseInspection(await Json("inspect-loopback-app.http"));
        var port = Assert.Single(c.Ports);
        Assert.Equal(new[] { ("0.0.0.0", 18081), ("::", 18081) }, port.Bindings.Select(b => (b.HostIp, b.HostPort)));
    }

    [Fact]
    public async Task Published_on_ipv6_loopback_keeps_the_address()
    {
        var binding = Assert.Single(Assert.Single(DockerJson.ParseInspection(await Json("inspect-v6.http")).Ports).Bindings);
        Assert.Equal(("::1", 18082), (binding.HostIp, binding.HostPort));
    }

    [Fact]
    public async Task Exposed_but_unpublished_is_a_port_without_bindings()
    {
        var port = Assert.Single(DockerJson.ParseInspection(await Json("inspect-exposed-only.http")).Ports);
        Assert.True(port.Exposed);
        Assert.Empty(port.Bindings);
    }

    [Fact]
    public async Task A_stopped_container_reports_the_bindings_it_asked_for()
    {
        var c = DockerJson.ParseInspection(await Json("inspect-stopped.http"));
        Assert.False(c.Running);
        Assert.Equal("created", c.State);
        Assert.Equal(0, c.Pid);
        var binding = Assert.Single(Assert.Single(c.Ports).Bindings);
        Assert.Equal(("", 18083), (binding.HostIp, binding.HostPort));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"Name\":\"/x\"}")]
    [InlineData("{\"Id\":\"abc\",\"NetworkSettings\":{\"Ports\":{\"http/tcp\":null}}}")]
    [InlineData("{\"Id\":\"abc\",\"State\":{\"Running\":true},\"NetworkSettings\":{\"Ports\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"x\"}]}}}")]
    [InlineData("{\"Id\":\"abc\",\"State\":{\"Pid\":\"many\"}}")]
    [InlineData("{\"Id\":{\"x\":1}}")]
    [InlineData("{\"Id\":\"abc\",\"State\":{\"Running\":true},\"NetworkSettings\":{\"Ports\":{\"80/tcp\":[{\"HostIp\":\"\",\"HostPort\":\"98081\"}]}}}")]
    [InlineData("{\"Id\":\"abc\",\"Name\":[1]}")]
    [InlineData("{\"Id\":\"abc\",\"NetworkSettings\":{\"Ports\":{\"80/tcp\":[{\"HostPort\":{}}]}}}")]
    public void Inspections_of_the_wrong_shape_are_malformed_responses(string json)
    {
        var error = Assert.Throws<LoopbackToolsException>(() => DockerJson.ParseInspection(JToken.Parse(json)));
        Assert.Equal(DockerErrors.MalformedResponseId, error.ErrorId);
    }

    [Theory]
    [InlineData("{\"Platform\":\"linux\",\"ApiVersion\":\"1.41\"}", "Docker")] // found by fuzzing: Platform is not always an object
    [InlineData("{\"Platform\":[{\"Name\":\"x\"}],\"Components\":[7,{\"Name\":\"Podman Engine\"}]}", "Podman")]
    public void Version_fields_of_another_shape_are_ignored(string json, string product) =>
        Assert.Equal(product, DockerJson.ParseVersion(JToken.Parse(json)).Product);

    [Theory]
    [InlineData("{\"ApiVersion\":{\"major\":1}}")]
    [InlineData("{\"Version\":[\"27\"]}")]
    public void Version_fields_of_the_wrong_type_are_malformed_responses(string json) =>
        Assert.Equal(DockerErrors.MalformedResponseId, Assert.Throws<LoopbackToolsException>(() => DockerJson.ParseVersion(JToken.Parse(json))).ErrorId);

    [Fact]
    public void A_container_list_with_a_non_string_id_is_a_malformed_response() =>
        Assert.Equal(DockerErrors.MalformedResponseId, Assert.Throws<LoopbackToolsException>(() => DockerJson.ParseContainerIds(JToken.Parse("[{\"Id\":{}}]"))).ErrorId);

    [Fact]
    public void A_body_that_is_not_json_is_a_malformed_response()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => DockerJson.Parse(Encoding.UTF8.GetBytes("<html>proxy error</html>"), "/version"));
        Assert.Equal(DockerErrors.MalformedResponseId, error.ErrorId);
    }

    private static async Task<JToken> Json(string fixture)
    {
        var response = await new HttpResponseReader(new MemoryStream(RecordedEngine.Fixture(fixture))).ReadAsync(CancellationToken.None);
        return DockerJson.Parse(response.Body, fixture);
    }
}
