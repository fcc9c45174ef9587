using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// Bodies over the size limit — declared or chunked with no Content-Length — are 413 problem+json, and bodies that
/// trickle are cut with 408 problem+json, through the HTTP front and the worker; nothing is committed to the inbox.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class BodyLimitTests(LocalStack stack)
{
    private Dictionary<string, string> Headers(string token, IDictionary<string, string>? more = null)
    {
        var headers = new Dictionary<string, string>
        {
            ["x-functions-key"] = stack.FunctionKey,
            ["Authorization"] = "Bearer " + token,
            ["Content-Type"] = "application/octet-stream",
        };
        foreach (var (k, v) in more ?? new Dictionary<string, string>())
        {
            headers[k] = v;
        }
        return headers;
    }

    private void AssertProblem(RawHttp.Reply reply, int status)
    {
        Assert.True(reply.Status == status, $"{reply.Status}: {reply.Body}\nhost log:\n{string.Join("\n", stack.HostLog.TakeLast(8))}");
        Assert.Equal("application/problem+json", reply.ContentType);
        using var json = JsonDocument.Parse(reply.Body);
        Assert.Equal(status, json.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_chunked_upload_past_the_hosts_limit_is_413_problem_json_and_nothing_reaches_the_inbox()
    {
        // The host's limit (1 MiB here, 100 MB as in Azure by default) below the app's own (8 MiB): the host cuts it.
        var host = await stack.StartHostAsync(new Dictionary<string, string> { ["Bankflow__Intake__MaxFileBytes"] = (8 * 1024 * 1024).ToString(CultureInfo.InvariantCulture) },
            maxRequestBodyBytes: 1024 * 1024);
        var client = LocalStack.NewClient();

        var chunked = await RawHttp.SendAsync(host.Http!.BaseAddress, "POST", $"/api/clients/{client}/files?name=big.txt",
            Headers(stack.TokenFor(client), new Dictionary<string, string> { ["Transfer-Encoding"] = "chunked" }),
            RawHttp.Chunked(2 * 1024 * 1024, 64 * 1024, TimeSpan.Zero), TimeSpan.FromSeconds(60));
        var declared = await RawHttp.SendAsync(host.Http!.BaseAddress, "POST", $"/api/clients/{client}/files?name=big.txt",
            Headers(stack.TokenFor(client), new Dictionary<string, string> { ["Content-Length"] = (2 * 1024 * 1024).ToString(CultureInfo.InvariantCulture) }),
            (s, ct) => s.WriteAsync(new byte[2 * 1024 * 1024], ct).AsTask(), TimeSpan.FromSeconds(60));

        AssertProblem(chunked, 413);
        Assert.Contains("limit", chunked.Body, StringComparison.Ordinal);
        AssertProblem(declared, 413);
        await Task.Delay(500);
        Assert.Empty(await stack.BlobNamesAsync("inbox", client.Value + "/"));
    }

    [Fact]
    public async Task A_chunked_upload_past_the_apps_limit_is_413_problem_json_from_the_worker()
    {
        var client = LocalStack.NewClient();

        var reply = await RawHttp.SendAsync(stack.Host.Http!.BaseAddress, "POST", $"/api/clients/{client}/files?name=big.txt",
            Headers(stack.TokenFor(client), new Dictionary<string, string> { ["Transfer-Encoding"] = "chunked" }),
            RawHttp.Chunked(4 * LocalStack.MaxFileBytes, 16 * 1024, TimeSpan.Zero), TimeSpan.FromSeconds(60));

        AssertProblem(reply, 413);
        Assert.Empty(await stack.BlobNamesAsync("inbox", client.Value + "/"));
    }

    [Fact]
    public async Task A_body_that_trickles_is_cut_with_408_problem_json_by_the_host()
    {
        // A short grace so the test is quick; the default is 4 KiB/s after 10 s.
        var host = await stack.StartHostAsync(new Dictionary<string, string>(), minRequestBodyDataRate: new MinDataRate(1000, TimeSpan.FromSeconds(2)));
        var client = LocalStack.NewClient();

        // 33 bytes every 100 ms: about 330 bytes a second, the rate the issue reports kept a connection open for minutes.
        var reply = await RawHttp.SendAsync(host.Http!.BaseAddress, "POST", $"/api/clients/{client}/files?name=slow.txt",
            Headers(stack.TokenFor(client), new Dictionary<string, string> { ["Transfer-Encoding"] = "chunked" }),
            RawHttp.Chunked(30_000, 33, TimeSpan.FromMilliseconds(100)), TimeSpan.FromSeconds(60));

        AssertProblem(reply, 408);
        Assert.True(reply.Elapsed < TimeSpan.FromSeconds(15), $"cut after {reply.Elapsed}");
        await Task.Delay(500);
        Assert.Empty(await stack.BlobNamesAsync("inbox", client.Value + "/"));
    }

    [Fact]
    public async Task A_json_body_past_its_cap_is_413_problem_json_through_the_host_also_when_chunked()
    {
        var client = LocalStack.NewClient();
        var headers = Headers(stack.TokenFor(client), new Dictionary<string, string> { ["Transfer-Encoding"] = "chunked", ["Content-Type"] = "application/json" });

        var reply = await RawHttp.SendAsync(stack.Host.Http!.BaseAddress, "POST", $"/api/clients/{client}/payment-batches", headers,
            RawHttp.Chunked(9 * 1024 * 1024, 64 * 1024, TimeSpan.Zero, (byte)' '), TimeSpan.FromSeconds(60));

        AssertProblem(reply, 413);
    }
}
