using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bankflow.Testing.Logs;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// Runs after every parallel test collection (xUnit runs collections that disable parallelisation last): by then
/// <see cref="EndToEndLog"/> holds every log line of the end-to-end suite. Its own scenario feeds personal data in —
/// a file that starts with a national identity number, a Nets file carrying one — so it means something alone too.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class LogScanCollection : ICollectionFixture<LocalStack>
{
    public const string Collection = "LogScan";
}

[Collection(LogScanCollection.Collection)]
public sealed class LogScanTests(LocalStack stack)
{
    /// <summary>Valid check digits and date: the example.</summary>
    private const string Fodselsnummer = "15068510160";

    [Fact]
    public async Task No_log_line_of_the_end_to_end_suite_holds_a_national_identity_number_a_token_a_key_or_a_connection_string()
    {
        var client = LocalStack.NewClient();
        var token = stack.TokenFor(client);
        using var http = stack.Http();
        using var upload = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files?name=kunder.csv", stack.FunctionKey, token,
            new ByteArrayContent(Encoding.UTF8.GetBytes($"{Fodselsnummer};Ola Nordmann;Storgata 1\n"))));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var importId = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("importId").GetString();
        // A Nets file whose first record carries the number where the reader quotes what it found.
        await stack.DropAsync($"{client}/nets/OCR.{Fodselsnummer}.txt", Encoding.Latin1.GetBytes($"NY000010{Fodselsnummer}{new string('9', 30)}\r\nNY09{Fodselsnummer}\r\n"));
        await stack.PumpAsync();

        // The reason stored for the client keeps the excerpt: that is where a person needs it.
        using var status = await http.SendAsync(stack.Request(HttpMethod.Get, $"/api/clients/{client}/files/{importId}", stack.FunctionKey, token));
        var record = await status.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Quarantined", record.GetProperty("status").GetString());
        Assert.Contains(Fodselsnummer, record.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await stack.RowsAsync("FileImports", client)).Count(r => r.GetString("Status") == "Quarantined"));

        var lines = EndToEndLog.All;
        Assert.Contains(lines, l => l.Contains("quarantined", StringComparison.Ordinal)); // the worker's lines did arrive
        var findings = LogScanner.Scan(lines, EndToEndLog.KnownSecrets);
        Assert.True(findings.Count == 0,
            $"{findings.Count} of {lines.Count} log lines hold what logs must not:\n" + string.Join("\n", findings.Take(25).Select(f => $"  [{f.Rule}] {f.Excerpt}")));
    }

    [Theory]
    [InlineData("File x quarantined: not a recognised bank file, found \"15068510160;Ola \"", "fødselsnummer")]
    [InlineData("kid 15068510160 refused", "fødselsnummer")]
    [InlineData("D-number 55068510154 here", "fødselsnummer")]
    [InlineData("Authorization: Bearer abcdefgh.ijklmnop", "bearer token")]
    [InlineData("token bf1.eyJzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl", "client token")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFl", "connection string")]
    [InlineData("Endpoint=sb://bankflow.servicebus.windows.net/;SharedAccessKeyName=x", "connection string")]
    [InlineData("GET https://acct.blob.core.windows.net/inbox/a?sv=2024&sig=AbCdEfGhIjKlMnOp%2B", "key in a URL or header")]
    [InlineData("{\"access_token\": \"abcdefghijk123\"}", "OAuth secret")]
    [InlineData("signing key q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=", "base64 key")]
    public void The_scanner_finds_what_logs_must_never_hold(string line, string rule)
    {
        var findings = LogScanner.Scan([line]);
        Assert.Contains(findings, f => f.Rule == rule);
        Assert.All(findings, f => Assert.DoesNotContain("15068510160", f.Excerpt, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("PUT /api/clients/acme/agreements/86011117947 answered 200")] // an account number: not a date
    [InlineData("kid 15068510161 refused")] // check digits fail
    [InlineData("File 9e3b15068510160aa of client acme imported")] // digits inside a hash
    [InlineData("B20261122-8309fc1b sent, 3 payments, 12840.50 NOK, 120068510160")] // twelve digits
    [InlineData("[12:00:01] ImportBankFile (blob inbox/acme/nets/OCR.20261122.001.txt) succeeded in 412 ms")]
    public void The_scanner_leaves_ordinary_lines_alone(string line) => Assert.Empty(LogScanner.Scan([line]));

    [Fact]
    public void The_runs_own_secrets_are_found_by_value() =>
        Assert.Equal("a secret of this run", Assert.Single(LogScanner.Scan(["key is 0a1b2c3d4e5f6a7b"], ["0a1b2c3d4e5f6a7b"])).Rule);
}
