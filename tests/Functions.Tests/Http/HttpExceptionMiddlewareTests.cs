using System.Collections.Immutable;
using System.Net.Sockets;
using System.Text.Json;
using Azure;
using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bankflow.Functions.Tests.Http;

/// <summary>An HTTP function that throws answers problem+json — 503 with a reason for a storage outage, 500 otherwise; other triggers fail their invocation.</summary>
public sealed class HttpExceptionMiddlewareTests
{
    /// <summary>The little of a FunctionContext the middleware reads: the items (where the integration puts the HttpContext) and the function's name.</summary>
    private sealed class Invocation(HttpContext? http) : FunctionContext
    {
        public override string InvocationId => "inv-1";
        public override string FunctionId => "fn-1";
        public override TraceContext TraceContext => null!;
        public override BindingContext BindingContext => null!;
        public override RetryContext RetryContext => null!;
        public override IServiceProvider InstanceServices { get; set; } = null!;
        public override FunctionDefinition FunctionDefinition { get; } = new Definition();
        public override IDictionary<object, object> Items { get; set; } =
            http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };
        public override IInvocationFeatures Features => null!;
    }

    private static readonly HttpExceptionMiddleware Middleware = new(NullLogger<HttpExceptionMiddleware>.Instance);

    [Fact]
    public async Task A_throwing_http_function_answers_500_problem_json_without_the_exception_text()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();

        await Middleware.Invoke(new Invocation(http), _ => throw new InvalidOperationException("secret connection detail"));

        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        var body = await new StreamReader(http.Response.Body).ReadToEndAsync();
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        Assert.Contains("\"status\":500", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StatusCodes.Status408RequestTimeout, "minimum data rate")]
    [InlineData(StatusCodes.Status413PayloadTooLarge, "larger than")]
    public async Task A_request_body_the_server_refused_while_it_was_read_answers_its_status_as_problem_json(int status, string words)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();

        // Kestrel throws this from Request.Body reads (MinRequestBodyDataRate, MaxRequestBodySize); the SDK may wrap it.
        await Middleware.Invoke(new Invocation(http), _ => throw new IOException("read failed", new BadHttpRequestException("Reading the request body timed out", status)));

        Assert.Equal(status, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        http.Response.Body.Position = 0;
        Assert.Contains(words, await new StreamReader(http.Response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_workers_Kestrel_gets_the_configured_minimum_request_body_data_rate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bankflow:Http:MinRequestBodyBytesPerSecond"] = "1000",
            ["Bankflow:Http:MinRequestBodyGracePeriod"] = "00:00:02",
        }).Build();
        using var services = new ServiceCollection().AddBankflowHttpLimits(configuration).BuildServiceProvider();

        var rate = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate!;

        Assert.Equal(1000, rate.BytesPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(2), rate.GracePeriod);
        using var defaults = new ServiceCollection().AddBankflowHttpLimits(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.Equal(4096, defaults.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>>().Value.Limits.MinRequestBodyDataRate!.BytesPerSecond);
    }

    [Fact]
    public async Task A_storage_outage_past_the_sdk_retries_answers_503_problem_json_with_the_reason_and_retry_after()
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        // What Azure.Core throws when every try is refused: "Retry failed after 4 tries", each a status-0 RequestFailedException.
        var refused = Enumerable.Range(0, 4).Select(_ => (Exception)new RequestFailedException(0, "Connection refused (127.0.0.1:10000)",
            new HttpRequestException("Connection refused (127.0.0.1:10000)", new SocketException((int)SocketError.ConnectionRefused)))).ToList();

        await Middleware.Invoke(new Invocation(http), _ => throw new AggregateException("Retry failed after 4 tries. (Connection refused (127.0.0.1:10000))", refused));

        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        using var body = JsonDocument.Parse(await new StreamReader(http.Response.Body).ReadToEndAsync());
        Assert.Equal("storage-unavailable", body.RootElement.GetProperty("code").GetString());
        Assert.Equal("storage refused the connection, on each of 4 tries", body.RootElement.GetProperty("reason").GetString());
        Assert.Contains("try again", body.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body.RootElement.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(503, "ServerBusy", 503)]
    [InlineData(500, "InternalError", 503)]
    [InlineData(409, "EntityAlreadyExists", 500)]
    [InlineData(412, "UpdateConditionNotSatisfied", 500)]
    public async Task Storage_answers_that_say_storage_cannot_serve_are_503_and_answers_about_the_request_stay_500(int storageStatus, string code, int expected)
    {
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();

        await Middleware.Invoke(new Invocation(http), _ => throw new RequestFailedException(storageStatus, "storage said no", code, null));

        Assert.Equal(expected, http.Response.StatusCode);
        Assert.Equal("application/problem+json", http.Response.ContentType);
    }

    [Fact]
    public async Task A_throwing_queue_blob_or_timer_function_fails_its_invocation_for_the_host_to_retry() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => Middleware.Invoke(new Invocation(null), _ => throw new InvalidOperationException("storage down")));

    [Fact]
    public async Task A_function_that_succeeds_passes_through_untouched()
    {
        var http = new DefaultHttpContext();
        var ran = false;

        await Middleware.Invoke(new Invocation(http), _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });

        Assert.True(ran);
        Assert.Equal(200, http.Response.StatusCode);
    }

    private sealed class Definition : FunctionDefinition
    {
        public override ImmutableArray<FunctionParameter> Parameters => [];
        public override string PathToAssembly => "";
        public override string EntryPoint => "";
        public override string Id => "fn-1";
        public override string Name => "Agreements";
        public override IImmutableDictionary<string, BindingMetadata> InputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
        public override IImmutableDictionary<string, BindingMetadata> OutputBindings => ImmutableDictionary<string, BindingMetadata>.Empty;
    }
}
