using System.Collections.Immutable;
using Bankflow.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bankflow.Functions.Tests.Http;

/// <summary>An HTTP function that throws answers 500 problem+json (as UseExceptionHandler did); other triggers fail their invocation.</summary>
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
