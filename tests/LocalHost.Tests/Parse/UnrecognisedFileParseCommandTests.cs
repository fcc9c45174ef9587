using System.Text.Json;
using Bankflow.LocalHost.Parse;

namespace Bankflow.LocalHost.Tests.Parse;

/// <summary>`bankflow parse` on a file that is no bank file: the one diagnostic says where (found by the hostile-input corpus).</summary>
public sealed class UnrecognisedFileParseCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bankflow-unknown-parse-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("\n\nGIF89a", 3, 1, "not a recognised bank file")]
    [InlineData("<?xml version=\"1.0\"?>\n<!DOCTYPE Document [<!ENTITY a \"x\">]>\n<Document/>", 2, null, "DOCTYPE")]
    public void The_diagnostic_of_an_unrecognised_file_has_its_line(string content, int line, int? column, string reason)
    {
        var path = Path.Combine(_dir, "file.bin");
        File.WriteAllText(path, content);
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();

        var exit = ParseCommand.Run([path], stdout, stderr);

        Assert.Equal(1, exit);
        var diagnostic = Assert.Single(JsonDocument.Parse(stdout.ToArray()).RootElement.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(line, diagnostic.GetProperty("line").GetInt32());
        if (column is { } c)
        {
            Assert.Equal(c, diagnostic.GetProperty("column").GetInt32());
        }
        Assert.Contains(reason, diagnostic.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith($"error: line {line}, column ", stderr.ToString(), StringComparison.Ordinal);
    }
}
