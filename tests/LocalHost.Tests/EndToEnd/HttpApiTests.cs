using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bankflow.LocalHost.Demo;

namespace Bankflow.LocalHost.Tests.EndToEnd;

[Collection(LocalStack.Collection)]
public sealed class HttpApiTests(LocalStack stack)
{
    private static ByteArrayContent Body(byte[] bytes) => new(bytes);

    [Fact]
    public async Task Upload_without_the_function_key_is_401_and_stores_nothing()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http();
        foreach (var key in new string?[] { null, "wrong-key" })
        {
            using var response = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files?name=a.txt", key, stack.TokenFor(client), Body(DemoFiles.OcrGiro(new DateOnly(2026, 1, 5), 301))));
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        Assert.Empty(await stack.BlobNamesAsync("inbox", client.Value + "/"));
    }

    [Fact]
    public async Task Upload_without_a_valid_client_token_is_401_and_for_another_client_403_and_stores_nothing()
    {
        var client = LocalStack.NewClient();
        var other = LocalStack.NewClient();
        using var http = stack.Http();
        var file = DemoFiles.OcrGiro(new DateOnly(2026, 1, 6), 302);

        using (var none = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files", stack.FunctionKey, null, Body(file))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        }
        using (var forged = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files", stack.FunctionKey, stack.TokenFor(client) + "x", Body(file))))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }
        using (var foreign = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files", stack.FunctionKey, stack.TokenFor(other), Body(file))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }
        Assert.Empty(await stack.BlobNamesAsync("inbox", client.Value + "/"));
        Assert.Empty(await stack.BlobNamesAsync("inbox", other.Value + "/"));
    }

    [Fact]
    public async Task Upload_then_status_then_notifications_through_the_api()
    {
        var client = LocalStack.NewClient();
        var token = stack.TokenFor(client);
        using var http = stack.Http();

        using var upload = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files?name=retur.txt", stack.FunctionKey, token, Body([0x01, 0x02, 0x03])));
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var accepted = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var importId = accepted.GetProperty("importId").GetString()!;
        Assert.Equal($"/api/clients/{client}/files/{importId}", upload.Headers.Location?.OriginalString);

        await stack.PumpAsync();

        using var status = await http.SendAsync(stack.Request(HttpMethod.Get, $"/api/clients/{client}/files/{importId}", stack.FunctionKey, token));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var record = await status.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Quarantined", record.GetProperty("status").GetString());
        Assert.Equal("retur.txt", record.GetProperty("fileName").GetString());
        Assert.Contains("not a recognised bank file", record.GetProperty("reason").GetString(), StringComparison.Ordinal);

        // Another client's token cannot read it, and gets the same answer whether or not it exists.
        using (var foreign = await http.SendAsync(stack.Request(HttpMethod.Get, $"/api/clients/{client}/files/{importId}", stack.FunctionKey, stack.TokenFor(LocalStack.NewClient()))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }

        using var list = await http.SendAsync(stack.Request(HttpMethod.Get, $"/api/clients/{client}/notifications", stack.FunctionKey, token));
        var notifications = await list.Content.ReadFromJsonAsync<JsonElement>();
        var id = Assert.Single(notifications.EnumerateArray()).GetProperty("id").GetString();

        using var ack = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/notifications/{id}/acknowledge", stack.FunctionKey, token));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal("test-user", (await ack.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("acknowledgedBy").GetString());

        using var after = await http.SendAsync(stack.Request(HttpMethod.Get, $"/api/clients/{client}/notifications", stack.FunctionKey, token));
        Assert.Empty((await after.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
    }

    [Fact]
    public async Task Upload_limits_empty_bodies_and_oversized_files()
    {
        var client = LocalStack.NewClient();
        var token = stack.TokenFor(client);
        using var http = stack.Http();
        using (var empty = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files", stack.FunctionKey, token, Body([]))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        }
        using (var big = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files", stack.FunctionKey, token, Body(new byte[LocalStack.MaxFileBytes + 1]))))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        }
        Assert.Empty(await stack.BlobNamesAsync("inbox", client.Value + "/"));
    }

    [Fact]
    public async Task A_second_upload_of_an_imported_file_says_duplicate()
    {
        var client = LocalStack.NewClient();
        var token = stack.TokenFor(client);
        var file = DemoFiles.OcrGiro(new DateOnly(2026, 2, 2), 303);
        using var http = stack.Http();
        using (var first = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files?name=a.txt", stack.FunctionKey, token, Body(file))))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }
        await stack.PumpAsync();
        using var second = await http.SendAsync(stack.Request(HttpMethod.Post, $"/api/clients/{client}/files?name=b.txt", stack.FunctionKey, token, Body(file)));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var body = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal("Imported", body.GetProperty("status").GetString());
        Assert.Single(await stack.BlobNamesAsync("inbox", client.Value + "/"));
    }

    [Fact]
    public async Task Health_is_anonymous_and_reports_storage()
    {
        using var http = stack.Http();
        using var response = await http.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("reachable", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("storage").GetString());
    }

    [Fact]
    public async Task Unknown_routes_are_404()
    {
        using var http = stack.Http();
        using var response = await http.SendAsync(stack.Request(HttpMethod.Get, "/api/nothing/here", stack.FunctionKey, null));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
