using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bankflow.Functions.Endpoints.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.OpenApi;

/// <summary>
/// <c>GET /api/openapi.json</c> must describe exactly the HTTP functions there are: every function's route and
/// methods (read from their [Function]/[HttpTrigger] attributes, which the Worker SDK turns into functions.metadata)
/// against the document's paths and operations, both ways, with the function key exactly where the host checks one.
/// </summary>
public sealed partial class OpenApiDocumentTests
{
    private sealed record HttpFunction(string Name, string Route, string[] Methods, AuthorizationLevel AuthLevel)
    {
        /// <summary>The route as a pattern over document paths: <c>{x}</c> one segment, <c>{x?}</c> an optional one.</summary>
        public Regex Pattern => new("^" + string.Concat(Route.Split('/').Select(segment => segment switch
        {
            ['{', .., '?', '}'] => "(?:/[^/]+)?",
            ['{', .., '}'] => "/[^/]+",
            _ => "/" + Regex.Escape(segment),
        })) + "$");
    }

    private sealed record Operation(string Path, string Method, string? Tag, bool FunctionKey, bool ClientToken);

    private static List<HttpFunction> HttpFunctions() =>
        [.. typeof(OpenApiFunction).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Function: m.GetCustomAttribute<FunctionAttribute>(), Trigger: m.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().FirstOrDefault()))
            .Where(f => f.Function is not null && f.Trigger is not null)
            .Select(f => new HttpFunction(f.Function!.Name, f.Trigger!.Route!, [.. f.Trigger.Methods!.Select(x => x.ToUpperInvariant())], f.Trigger.AuthLevel))];

    private static async Task<JsonElement> ServedDocumentAsync()
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        var result = await new OpenApiFunction().RunAsync(context.Request);
        await result.ExecuteAsync(context);
        Assert.Equal(200, context.Response.StatusCode);
        Assert.StartsWith("application/json", context.Response.ContentType, StringComparison.Ordinal);
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement.Clone();
    }

    private static List<Operation> Operations(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject().Select(op =>
        {
            var schemes = op.Value.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToHashSet()
                : [];
            return new Operation(path.Name, op.Name.ToUpperInvariant(), op.Value.GetProperty("tags")[0].GetString(),
                schemes.Contains(ApiDocument.FunctionKeyHeader) && schemes.Contains(ApiDocument.FunctionKeyQuery), schemes.Contains(ApiDocument.ClientToken));
        }))];

    [Fact]
    public void The_functions_are_found_with_their_routes()
    {
        var functions = HttpFunctions();

        Assert.Equal(26, functions.Count);
        Assert.Contains(functions, f => f is { Name: "OpenApi", Route: "openapi.json", AuthLevel: AuthorizationLevel.Anonymous });
        Assert.Contains(functions, f => f.Name == "UploadBankFile" && f.Pattern.IsMatch("/clients/{clientId}/files/{importId}/retry") && !f.Pattern.IsMatch("/clients/{clientId}/files/a/b/c"));
    }

    [Fact]
    public async Task Every_operation_in_the_document_is_served_by_its_function_with_that_method()
    {
        var functions = HttpFunctions().ToDictionary(f => f.Name);
        var operations = Operations(await ServedDocumentAsync());

        Assert.NotEmpty(operations);
        Assert.All(operations, op =>
        {
            Assert.True(functions.TryGetValue(op.Tag ?? "", out var function), $"{op.Method} {op.Path}: no function {op.Tag}");
            Assert.Matches(function!.Pattern, op.Path);
            Assert.Contains(op.Method, function.Methods);
            // Nothing else serves the path: the host would route it to one function only.
            Assert.Single(functions.Values, f => f.Pattern.IsMatch(op.Path) && f.Methods.Contains(op.Method));
        });
    }

    [Fact]
    public async Task Every_method_of_every_http_function_is_in_the_document()
    {
        var operations = Operations(await ServedDocumentAsync());

        Assert.All(HttpFunctions(), function => Assert.All(function.Methods, method =>
            Assert.True(operations.Any(op => op.Tag == function.Name && op.Method == method && function.Pattern.IsMatch(op.Path)),
                $"{function.Name} serves {method} {function.Route} but the document has no such operation")));
    }

    [Fact]
    public async Task The_function_key_is_required_exactly_where_the_host_checks_it_and_the_client_token_on_client_routes()
    {
        var functions = HttpFunctions().ToDictionary(f => f.Name);
        var document = await ServedDocumentAsync();

        Assert.All(Operations(document), op =>
        {
            Assert.Equal(functions[op.Tag!].AuthLevel != AuthorizationLevel.Anonymous, op.FunctionKey);
            Assert.Equal(op.Path.StartsWith("/clients/{clientId}/", StringComparison.Ordinal) || op.Path == "/clients/{clientId}", op.ClientToken);
        });
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("x-functions-key", schemes.GetProperty(ApiDocument.FunctionKeyHeader).GetProperty("name").GetString());
        Assert.Equal("code", schemes.GetProperty(ApiDocument.FunctionKeyQuery).GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty(ApiDocument.ClientToken).GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Path_parameters_are_declared_and_errors_are_problem_json()
    {
        var document = await ServedDocumentAsync();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject())
            {
                var parameters = op.Value.TryGetProperty("parameters", out var list) ? list.EnumerateArray().ToList() : [];
                var declared = parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList();
                Assert.Equal<IEnumerable<string>>(ApiDocument.PathParameters(path.Name), declared);
                var errors = op.Value.GetProperty("responses").EnumerateObject().Where(r => r.Name[0] is '4' or '5').ToList();
                Assert.NotEmpty(errors);
                Assert.All(errors, r => Assert.Equal("#/components/schemas/Problem",
                    r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()));
            }
        }
        Assert.StartsWith("3.1.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// Starting a Sbanken sign-in changes nothing a retry could repeat (each start is a new single-use state), and its
    /// answer carries the state's secret, which must not be kept anywhere but in the caller's hands. A DNB order is the
    /// same: a new single-use state whose secret is in the wizard link of the answer.
    /// </summary>
    public static readonly string[] PostsWithoutIdempotencyKey = ["/clients/{clientId}/sbanken/onboarding", "/clients/{clientId}/dnb/orders"];

    [Fact]
    public async Task Every_client_scoped_POST_declares_the_Idempotency_Key_header_and_its_409_and_422()
    {
        var document = await ServedDocumentAsync();
        var posts = document.GetProperty("paths").EnumerateObject()
            .Where(path => path.Name.StartsWith("/clients/{clientId}/", StringComparison.Ordinal) && !PostsWithoutIdempotencyKey.Contains(path.Name))
            .SelectMany(path => path.Value.EnumerateObject().Where(op => op.Name == "post").Select(op => (Path: path.Name, Op: op.Value)))
            .ToList();

        Assert.Equal(15, posts.Count);
        Assert.All(posts, post =>
        {
            var header = Assert.Single(post.Op.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
            Assert.Equal("header", header.GetProperty("in").GetString());
            Assert.False(header.TryGetProperty("required", out var required) && required.GetBoolean());
            var responses = post.Op.GetProperty("responses");
            Assert.True(responses.TryGetProperty("409", out _), post.Path);
            Assert.True(responses.TryGetProperty("422", out _), post.Path);
        });
    }
}
