using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Hosting;

public sealed class BlobPathPatternTests
{
    [Theory]
    [InlineData("acme-as/nets/OCR.txt", "acme-as", "nets", "OCR.txt")]
    [InlineData("acme-as/upload/sub/dir/file name æ.xml", "acme-as", "upload", "sub/dir/file name æ.xml")]
    public void Tokens_take_one_segment_and_the_last_takes_the_rest(string blob, string client, string channel, string name)
    {
        var (pattern, tokens) = BlobTriggerDriver.CompilePattern("{clientId}/{channel}/{name}");
        Assert.Equal(["clientId", "channel", "name"], tokens);
        var match = pattern.Match(blob);
        Assert.True(match.Success);
        Assert.Equal(client, match.Groups["clientId"].Value);
        Assert.Equal(channel, match.Groups["channel"].Value);
        Assert.Equal(name, match.Groups["name"].Value);
    }

    [Theory]
    [InlineData("loose-file.txt")]
    [InlineData("acme-as/only-two")]
    public void Paths_without_client_and_channel_do_not_fire(string blob) =>
        Assert.DoesNotMatch(BlobTriggerDriver.CompilePattern("{clientId}/{channel}/{name}").Pattern, blob);

    [Fact]
    public void Literal_parts_are_matched_literally()
    {
        var (pattern, _) = BlobTriggerDriver.CompilePattern("in.box/{name}");
        Assert.Matches(pattern, "in.box/a");
        Assert.DoesNotMatch(pattern, "inXbox/a");
    }
}
