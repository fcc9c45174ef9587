using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Bankflow.LocalHost.Demo;

namespace Bankflow.LocalHost.Tests.EndToEnd;

[Collection(LocalStack.Collection)]
public sealed class RetryImportTests(LocalStack stack)
{
    [Fact]
    public async Task A_file_quarantined_after_failing_every_retry_can_be_re_imported_from_the_archive()
    {
        // An outage: every attempt dies before the commit, the host poisons the blob, BlobPoison quarantines it.
        var broken = await stack.StartHostAsync(new Dictionary<string, string> { ["BANKFLOW_FAULT_POINT"] = "import.before-commit" });
        var client = LocalStack.NewClient();
        var file = DemoFiles.OcrGiro(new DateOnly(2026, 11, 18), 401);
        var importId = Convert.ToHexStringLower(SHA256.HashData(file));
        await stack.DropAsync($"{client}/nets/OCR-401.txt", file);
        await stack.PumpAsync(broken);
        Assert.Equal("Quarantined", Assert.Single(await stack.RowsAsync("FileImports", client)).GetString("Status"));

        // The outage is over: retry through the API on a healthy host.
        using var http = stack.Http();
        var token = stack.TokenFor(client);
        using (var retry = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files/{importId}/retry", stack.FunctionKey, token)))
        {
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }
        await stack.PumpAsync();

        var import = Assert.Single(await stack.RowsAsync("FileImports", client));
        Assert.Equal("Imported", import.GetString("Status"));
        Assert.Equal("OCR-401.txt", import.GetString("FileName"));
        Assert.Equal(3, (await stack.RowsWithPrefixAsync("BankEntries", client)).Count);
        Assert.Single(await stack.BlobNamesAsync("archive", client.Value + "/"));
        Assert.Single(await stack.RowsAsync("Notifications", client)); // the earlier quarantine notice, not a second one

        // Done is done: an imported file cannot be retried.
        using var again = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files/{importId}/retry", stack.FunctionKey, token));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Retry_is_client_scoped_and_needs_an_existing_import()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http();
        var missing = new string('a', 64);
        using (var notFound = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files/{missing}/retry", stack.FunctionKey, stack.TokenFor(client))))
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }
        using (var foreign = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files/{missing}/retry", stack.FunctionKey, stack.TokenFor(LocalStack.NewClient()))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }
        using var bad = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files/not-an-id/retry", stack.FunctionKey, stack.TokenFor(client)));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("importId", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Single().Name);
    }
}
