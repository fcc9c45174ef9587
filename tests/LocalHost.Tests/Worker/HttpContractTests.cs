using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Bankflow.LocalHost.Tests.Worker;

/// <summary>HTTP through LocalHost's front to the worker's ASP.NET Core listener: routes, keys, bodies, headers.</summary>
[Collection(ContractStack.Collection)]
public sealed class HttpContractTests(ContractStack stack)
{
    private static HttpRequestMessage Get(string path, string? key = ContractStack.FunctionKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }
        return request;
    }

    [Fact]
    public async Task A_route_parameter_binds_and_an_absent_optional_segment_is_null()
    {
        using var http = stack.Http();
        using var response = await http.SendAsync(Get("/api/echo/42"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("42", body.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("suffix").ValueKind);
        Assert.Equal("GET", body.GetProperty("method").GetString());
    }

    [Fact]
    public async Task The_optional_segment_query_headers_and_a_streamed_body_reach_the_function_and_its_status_comes_back()
    {
        using var http = stack.Http();
        var payload = new string('x', 300_000); // larger than one buffer: the body streams through
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/echo/7/extra?q=hello%20world")
        {
            Content = new StringContent(payload, Encoding.UTF8, "text/plain"),
        };
        request.Headers.Add("x-functions-key", ContractStack.FunctionKey);
        request.Headers.Add("x-contract", "kept");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("7", "extra", "POST"), (body.GetProperty("id").GetString(), body.GetProperty("suffix").GetString(), body.GetProperty("method").GetString()));
        Assert.Equal(payload, body.GetProperty("body").GetString());
        Assert.Equal("hello world", body.GetProperty("query").GetString());
        Assert.Equal("kept", body.GetProperty("header").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task A_function_level_route_without_the_right_key_is_refused_before_the_worker(string? key)
    {
        using var http = stack.Http();
        using var response = await http.SendAsync(Get("/api/echo/1", key));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(stack.Log.Lines, l => l.Contains("HttpEcho (http GET /api/echo/1) refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_key_may_come_as_the_code_query_parameter_and_anonymous_routes_need_none()
    {
        using var http = stack.Http();
        using var withCode = await http.SendAsync(Get($"/api/echo/5?code={ContractStack.FunctionKey}", key: null));
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal("pong", await http.GetStringAsync("/api/ping"));
    }

    [Theory]
    [InlineData("GET", "/api/nowhere")]
    [InlineData("PUT", "/api/echo/1")]   // route exists, method does not
    [InlineData("GET", "/echo/1")]       // no route prefix
    public async Task Unknown_routes_and_methods_are_404(string method, string path)
    {
        using var http = stack.Http();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Add("x-functions-key", ContractStack.FunctionKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Concurrent_requests_are_paired_with_their_own_invocations()
    {
        using var http = stack.Http();
        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var response = await http.SendAsync(Get($"/api/echo/{i}"));
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        }));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), answers);
    }
}
