using System.Net;
using LoopbackTools.Addressing;

namespace LoopbackTools.Tests.Addressing;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressScope.Loopback)]
    [InlineData("127.0.0.2", AddressScope.Loopback)]
    [InlineData("127.255.255.254", AddressScope.Loopback)]
    [InlineData("::1", AddressScope.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressScope.Loopback)]
    [InlineData("::ffff:127.9.8.7", AddressScope.Loopback)]
    [InlineData("0.0.0.0", AddressScope.Unspecified)]
    [InlineData("::", AddressScope.Unspecified)]
    [InlineData("::ffff:0.0.0.0", AddressScope.Unspecified)]
    [InlineData("192.0.2.10", AddressScope.Specific)]
    [InlineData("128.0.0.1", AddressScope.Specific)]
    [InlineData("::2", AddressScope.Specific)]
    [InlineData("2001:db8::1", AddressScope.Specific)]
    [InlineData("::ffff:192.0.2.1", AddressScope.Specific)]
    [InlineData("fe80::1", AddressScope.Specific)]
    public void Classifies(string text, AddressScope expected) => Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(text)));

    [Theory]
    [InlineData("fe80::1%lo0")]
    [InlineData("fe80::1%eth0")]
    [InlineData("fe80::1%2")]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    public void Parses_valid_addresses_including_named_zones(string text) => Assert.True(AddressClassifier.TryParse(text, out _));

    [Theory]
    [InlineData("")]
    [InlineData("127.1")]
    [InlineData("1")]
    [InlineData("300.0.0.1")]
    [InlineData("127.0.0.1%eth0")]
    [InlineData("fe80::1%")]
    [InlineData("localhost")]
    [InlineData("fe80::zz")]
    public void Rejects_what_is_not_an_address(string text) => Assert.False(AddressClassifier.TryParse(text, out _));
}
