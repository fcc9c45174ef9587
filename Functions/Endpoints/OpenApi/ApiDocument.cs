using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.OpenApi;

namespace Bankflow.Functions.Endpoints.OpenApi;

/// <summary>The OpenAPI 3.1 document of the HTTP API, built from <see cref="ApiOperations"/> with Microsoft.OpenApi.</summary>
internal static partial class ApiDocument
{
    public const string FunctionKeyHeader = "functionKey";
    public const string FunctionKeyQuery = "functionKeyQuery";
    public const string ClientToken = "clientToken";
    private const string ProblemJson = "application/problem+json";

    private static readonly Lazy<Task<string>> Json = new(() => Build().SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1));

    /// <summary>The document as JSON (built once per process).</summary>
    public static Task<string> JsonAsync() => Json.Value;

    public static OpenApiDocument Build()
    {
        var document = new OpenApiDocument
        {
            Info = new OpenApiInfo
            {
                Title = "Bankflow",
                Version = "1",
                Description = "Bank files in (Nets OCR giro, camt.053/054, pain.002), payment batches out (pain.001), per client company. " +
                              "Every call but the anonymous ones needs the function key (header x-functions-key or query code); every " +
                              "/clients/{clientId}/… call also needs a client token for that client (Authorization: Bearer …). " +
                              "Errors are RFC 9457 problem+json.",
            },
            Servers = [new OpenApiServer { Url = "/api" }],
            Paths = [],
            Components = new OpenApiComponents
            {
                Schemas = ApiSchemas.All(),
                SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
                {
                    [FunctionKeyHeader] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "x-functions-key",
                        Description = "The function key of the app (checked by the Functions host).",
                    },
                    [FunctionKeyQuery] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Query, Name = "code",
                        Description = "The function key as a query parameter.",
                    },
                    [ClientToken] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.Http, Scheme = "bearer",
                        Description = "A client token naming the client companies the caller may reach (401 without a valid one, 403 for another client).",
                    },
                },
            },
        };
        // One tag per function: the operations a function serves, side by side.
        document.Tags = new HashSet<OpenApiTag>(ApiOperations.All.Select(o => o.Function).Distinct(StringComparer.Ordinal)
            .Select(name => new OpenApiTag { Name = name, Description = $"served by the function {name}" }));
        foreach (var byPath in ApiOperations.All.GroupBy(o => o.Path, StringComparer.Ordinal))
        {
            var item = new OpenApiPathItem();
            foreach (var operation in byPath)
            {
                item.AddOperation(new HttpMethod(operation.Method), Operation(document, operation));
            }
            document.Paths.Add(byPath.Key, item);
        }
        return document;
    }

    /// <summary>The <c>{name}</c> parameters of a path, in order.</summary>
    public static IReadOnlyList<string> PathParameters(string path) => [.. PathParameterRegex().Matches(path).Select(m => m.Groups["name"].Value)];

    private static OpenApiOperation Operation(OpenApiDocument document, ApiOperation op)
    {
        var operation = new OpenApiOperation
        {
            OperationId = op.Function + "_" + op.Method.ToUpperInvariant() + "_" + string.Concat(op.Path.Split('/', StringSplitOptions.RemoveEmptyEntries)
                .Where(s => !s.StartsWith('{')).Select(s => char.ToUpperInvariant(s[0]) + s[1..].Replace("-", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal))),
            Summary = op.Summary,
            Tags = new HashSet<OpenApiTagReference> { new(op.Function, document) },
            Parameters = [],
            Responses = [],
            Security = Security(document, op),
        };
        foreach (var name in PathParameters(op.Path))
        {
            operation.Parameters.Add(new OpenApiParameter { Name = name, In = ParameterLocation.Path, Required = true, Schema = ApiSchemas.String() });
        }
        foreach (var query in op.Query)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name, In = ParameterLocation.Query, Required = false, Description = query.Description,
                Schema = query.Format switch
                {
                    "boolean" => ApiSchemas.Boolean(),
                    "integer" => ApiSchemas.Integer(),
                    { } format => ApiSchemas.String(format: format),
                    null => ApiSchemas.String(),
                },
            });
        }
        foreach (var header in op.Headers)
        {
            operation.Parameters.Add(new OpenApiParameter { Name = header, In = ParameterLocation.Header, Required = false, Schema = ApiSchemas.String() });
        }
        var errors = new SortedDictionary<int, string>(op.Errors.ToDictionary(e => e.Key, e => e.Value));
        if (op.Idempotent)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key", In = ParameterLocation.Header, Required = op.IdempotencyKeyRequired, Schema = ApiSchemas.String(),
                Description = "1–255 visible ASCII characters chosen per operation (a UUID); send it again unchanged with every retry. " +
                              "The same key with the same request (method, path, query, body bytes) within 24 hours (the retention) gets the first answer again, " +
                              "byte for byte, with Idempotency-Replayed: true, and nothing is done again. Keys are per client; 5xx answers are not kept.",
            });
            errors[409] = errors.TryGetValue(409, out var conflict) ? conflict + "; or a request with this Idempotency-Key is still running" : "a request with this Idempotency-Key is still running";
            errors[422] = "this Idempotency-Key was used for another request";
            errors.TryAdd(400, "invalid Idempotency-Key");
        }
        if (op.Request is { } request)
        {
            operation.RequestBody = new OpenApiRequestBody { Required = true, Description = request.Description, Content = Content(request) };
        }
        operation.Responses.Add(op.SuccessStatus.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = op.SuccessDescription,
            Content = op.Success is { } success ? Content(success) : null,
        });
        if (op.ClientScoped)
        {
            errors.TryAdd(400, "invalid client id");
            errors[401] = "no valid client token";
            errors[403] = op.Errors.TryGetValue(403, out var own) ? "the client token does not grant this client, or " + own : "the client token does not grant this client";
        }
        errors[500] = "an unexpected failure";
        foreach (var (status, reason) in errors)
        {
            operation.Responses.Add(status.ToString(CultureInfo.InvariantCulture), new OpenApiResponse
            {
                Description = reason,
                Content = new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal) { [ProblemJson] = new OpenApiMediaType { Schema = ApiSchemas.Ref("Problem") } },
            });
        }
        return operation;
    }

    private static List<OpenApiSecurityRequirement> Security(OpenApiDocument document, ApiOperation op)
    {
        if (op.Anonymous)
        {
            return [];
        }
        // The function key in the header or in the query, plus the client token on client-scoped routes.
        return [.. new[] { FunctionKeyHeader, FunctionKeyQuery }.Select(key =>
        {
            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(key, document)] = [] };
            if (op.ClientScoped)
            {
                requirement[new OpenApiSecuritySchemeReference(ClientToken, document)] = [];
            }
            return requirement;
        })];
    }

    private static Dictionary<string, IOpenApiMediaType> Content(Body body)
    {
        IOpenApiSchema schema = body.Schema is null
            ? (body.MediaType == "application/json" ? new OpenApiSchema { Type = JsonSchemaType.Object } : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" })
            : ApiSchemas.Ref(body.Schema);
        return new Dictionary<string, IOpenApiMediaType>(StringComparer.Ordinal)
        {
            [body.MediaType] = new OpenApiMediaType { Schema = body.IsArray ? ApiSchemas.ArrayOf(schema) : schema },
        };
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)\}")]
    private static partial Regex PathParameterRegex();
}
