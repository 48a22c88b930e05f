using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Owners;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Tests.Listeners;

/// <summary>GET /containers/json as Docker 20.10 and podman's compatible API answer it.</summary>
public sealed class ContainerDirectoryTests
{
    private const string List = """
        [
          {"Id":"aaaa","Names":["/web"],"Ports":[{"IP":"127.0.0.1","PrivatePort":8080,"PublicPort":18080,"Type":"tcp"}]},
          {"Id":"bbbb","Names":["/dns"],"Ports":[{"IP":"0.0.0.0","PrivatePort":53,"PublicPort":5300,"Type":"udp"},
                                               {"IP":"::","PrivatePort":53,"PublicPort":5300,"Type":"udp"}]},
          {"Id":"cccc","Names":["/exposed"],"Ports":[{"PrivatePort":9000,"Type":"tcp"}]},
          {"Id":"dddd","Names":["/left"],"Ports":[{"IP":"127.0.0.1","PrivatePort":80,"PublicPort":8000,"Type":"tcp"}]},
          {"Id":"eeee","Names":["/right"],"Ports":[{"IP":"127.0.0.2","PrivatePort":80,"PublicPort":8000,"Type":"tcp"}]},
          {"Id":"ffff","Names":["/all"],"Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8000,"Type":"tcp"}]},
          {"Id":"nameless","Names":[]}
        ]
        """;

    private static ContainerDirectory Directory() => new(ContainerDirectory.ParseList(JToken.Parse(List)));

    [Fact]
    public void Names_by_id_without_the_leading_slash()
    {
        var directory = Directory();

        Assert.Equal(6, directory.Count);
        Assert.Equal("web", directory.NameOf("aaaa"));
        Assert.Null(directory.NameOf("nameless"));
        Assert.Null(directory.NameOf("zzzz"));
    }

    [Fact]
    public void A_published_port_names_its_container_by_protocol_and_port()
    {
        var directory = Directory();

        Assert.Equal("web", directory.PublisherOf(ListenerProtocol.Tcp, 18080, "127.0.0.1"));
        Assert.Equal("dns", directory.PublisherOf(ListenerProtocol.Udp, 5300, "::"));
        Assert.Null(directory.PublisherOf(ListenerProtocol.Tcp, 5300, "0.0.0.0")); // the port is published over UDP only
        Assert.Null(directory.PublisherOf(ListenerProtocol.Tcp, 9000, "0.0.0.0")); // exposed, not published
    }

    [Fact]
    public void One_port_on_several_addresses_is_told_apart_by_the_listeners_address()
    {
        var directory = Directory();

        Assert.Equal("left", directory.PublisherOf(ListenerProtocol.Tcp, 8000, "127.0.0.1"));
        Assert.Equal("right", directory.PublisherOf(ListenerProtocol.Tcp, 8000, "127.0.0.2"));
        Assert.Equal("all", directory.PublisherOf(ListenerProtocol.Tcp, 8000, "127.0.0.3"));
    }

    [Fact]
    public void Anything_but_an_array_is_no_containers()
    {
        Assert.Empty(ContainerDirectory.ParseList(JToken.Parse("""{"message":"page not found"}""")));
    }
}
