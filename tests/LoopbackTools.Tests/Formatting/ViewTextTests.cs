using LoopbackTools.Formatting;

namespace LoopbackTools.Tests.Formatting;

public sealed class ViewTextTests
{
    [Theory]
    [InlineData(true, "127.0.0.2", "[127.0.0.2] ")]
    [InlineData(false, "127.0.0.2", "")] // Invoke-Command -HideComputerName
    [InlineData(false, null, "")] // a local row has neither property
    [InlineData(true, "", "")]
    public void Origin_names_the_computer_of_a_remote_row_only(bool show, string? computer, string expected) =>
        Assert.Equal(expected, ViewText.Origin(show, computer));

    [Fact]
    public void Name_gives_the_text_and_empty_for_null()
    {
        Assert.Equal("Refused", ViewText.Name("Refused"));
        Assert.Equal(string.Empty, ViewText.Name(null));
    }
}
