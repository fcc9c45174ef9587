using System.Text;
using System.Text.Json;
using Bankflow.Domain.Access;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Infrastructure;

/// <summary>An HTTP answer as a caller sees it.</summary>
internal sealed record Answer(int Status, IHeaderDictionary Headers, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}

/// <summary>
/// The app's services as the worker builds them (<c>AddBankflowFunctions</c>) on the test Azurite, and a way to call an
/// HTTP function the way the worker's ASP.NET Core integration does: a real <see cref="HttpContext"/> whose services are
/// the app's, the function's <see cref="IResult"/> executed on it.
/// </summary>
internal sealed class TestApp : IAsyncDisposable
{
    private static readonly byte[] SigningKey = Enumerable.Range(7, 32).Select(i => (byte)i).ToArray();

    /// <summary>Bankflow's customer unit id at Nets in the tests (Bankflow:Nets:DataRecipient): the one the demo OCR files carry.</summary>
    public const int NetsDataRecipient = 105625;
    public static readonly byte[] DataKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    private TestApp(ServiceProvider services) => Services = services;

    public ServiceProvider Services { get; }

    /// <param name="azurite">The test storage.</param>
    /// <param name="settings">App settings over the defaults (a null value removes a default).</param>
    /// <param name="time">A clock in place of the system's.</param>
    public static async Task<TestApp> StartAsync(AzuriteFixture azurite, IDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Bankflow:ClientTokenSigningKey"] = Convert.ToBase64String(SigningKey),
            ["Bankflow:Nets:DataRecipient"] = NetsDataRecipient.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
            ["Bankflow:DataProtection:LocalKey"] = Convert.ToBase64String(DataKey),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var collection = new ServiceCollection()
            .AddLogging()
            .AddBankflowFunctions(new ConfigurationBuilder().AddInMemoryCollection(all).Build());
        if (time is not null)
        {
            // Registered after the app's TimeProvider.System: the last registration is the one resolved.
            collection.AddSingleton(time);
        }
        var services = collection.BuildServiceProvider();
        await services.GetRequiredService<BankflowStorage>().EnsureCreatedAsync(CancellationToken.None);
        return new TestApp(services);
    }

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public string Token(ClientId client, string subject = "test-user") =>
        Services.GetRequiredService<ClientTokenService>().Issue(subject, [client], TimeSpan.FromMinutes(10));

    /// <summary>A token signed with this app's key around any payload text (see <see cref="Security.SignedPayload"/>).</summary>
    public static string SignedToken(string payloadJson) => Security.SignedPayload.Token(SigningKey, payloadJson);

    /// <summary>A request; <paramref name="pathAndQuery"/> like <c>/api/clients/x/files?name=a.txt</c>.</summary>
    public HttpContext Request(string method, string pathAndQuery, string? token = null, Stream? body = null, long? contentLength = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        context.Request.Method = method;
        context.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        context.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        if (token is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + token;
        }
        context.Request.Body = body ?? Stream.Null;
        context.Request.ContentLength = contentLength;
        context.Response.Body = new MemoryStream();
        return context;
    }

    public static async Task<Answer> AnswerAsync(HttpContext context, Task<IResult> run)
    {
        var result = await run;
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        using var reader = new StreamReader(context.Response.Body, Encoding.UTF8);
        return new Answer(context.Response.StatusCode, context.Response.Headers, context.Response.ContentType, await reader.ReadToEndAsync());
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
