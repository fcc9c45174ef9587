using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bankflow.Infra.Tests;

/// <summary>
/// A compiled ARM template (the output of <c>bicep build</c>), read with just enough understanding of
/// ARM expressions for the consistency tests: parameters, variables, resources (either template
/// language version: 1.0 lists resources, 2.0 keys them by symbolic name), outputs, the nested
/// deployments that Bicep modules become, and the last name segment of a resource.
/// </summary>
internal sealed partial class ArmTemplate
{
    private ArmTemplate(string source, JsonElement json)
    {
        Source = source;
        Json = json;
    }

    /// <summary>The .bicep file this was compiled from, relative to infra/bicep; for a nested template, the module's symbol.</summary>
    public string Source { get; }

    public JsonElement Json { get; }

    public static ArmTemplate Load(string jsonPath, string source)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(jsonPath));
        return new ArmTemplate(source, document.RootElement.Clone());
    }

    /// <summary>The whole template as JSON text.</summary>
    public string Text => Json.GetRawText();

    /// <summary>The template as JSON text without the templates of its nested deployments (their own scope).</summary>
    public string OwnText
    {
        get
        {
            var node = JsonNode.Parse(Text)!;
            foreach (var resource in ResourceNodes(node))
            {
                if ((string?)resource["type"] == DeploymentType)
                {
                    resource["properties"]!.AsObject().Remove("template");
                }
            }
            // Relaxed escaping keeps ' as it is, so expressions read the same as in Text.
            return node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
    }

    public IReadOnlyDictionary<string, ArmParameter> Parameters =>
        Json.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateObject().ToDictionary(
                p => p.Name,
                p => new ArmParameter(p.Name, p.Value.GetProperty("type").GetString()!, p.Value.TryGetProperty("defaultValue", out _)),
                StringComparer.Ordinal)
            : new Dictionary<string, ArmParameter>();

    public IReadOnlyDictionary<string, JsonElement> Variables =>
        Json.TryGetProperty("variables", out var variables)
            ? variables.EnumerateObject().Where(v => v.Name != "copy").ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>();

    public IReadOnlyDictionary<string, JsonElement> Outputs =>
        Json.TryGetProperty("outputs", out var outputs)
            ? outputs.EnumerateObject().ToDictionary(o => o.Name, o => o.Value, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>();

    /// <summary>Resources at the top of this template (Bicep writes child resources there too, with a full name).</summary>
    public IReadOnlyList<ArmResource> Resources
    {
        get
        {
            if (!Json.TryGetProperty("resources", out var resources))
            {
                return [];
            }
            return resources.ValueKind == JsonValueKind.Object
                ? [.. resources.EnumerateObject().Select(r => ArmResource.From(r.Name, r.Value))]
                : [.. resources.EnumerateArray().Select(r => ArmResource.From(null, r))];
        }
    }

    /// <summary>Resources of one type that this template deploys (not those it only refers to as existing).</summary>
    public IReadOnlyList<ArmResource> Deployed(string type) =>
        [.. Resources.Where(r => r.Type == type && !r.Existing)];

    /// <summary>The one deployed resource of <paramref name="type"/>.</summary>
    public ArmResource Single(string type) => Assert.Single(Deployed(type));

    /// <summary>The Bicep modules this template uses: nested deployments with their parameters and template.</summary>
    public IReadOnlyList<ArmModuleUse> Modules =>
        [.. Deployed(DeploymentType).Select(r => new ArmModuleUse(
            r.Symbol ?? r.Name,
            r.Name,
            r.Json.TryGetProperty("condition", out var condition) ? condition.GetString() : null,
            r.Properties.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal),
            new ArmTemplate(r.Symbol ?? r.Name, r.Properties.GetProperty("template"))))];

    /// <summary><c>metadata._generator.templateHash</c>: the same for a module file and its copy nested in main.</summary>
    public string? TemplateHash =>
        Json.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("_generator", out var generator)
            ? generator.GetProperty("templateHash").GetString()
            : null;

    /// <summary>A variable's value as a string, or null when it is absent or not a string.</summary>
    public string? StringVariable(string name) =>
        Variables.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// The last segment of a resource's name, resolved where the template itself says what it is: a
    /// literal, a variable, an element of a variable array (a copy loop gives one name per element),
    /// or a parameter's default. Anything else (e.g. a parameter without a default) is returned as
    /// the expression itself.
    /// </summary>
    public IReadOnlyList<string> LeafNames(ArmResource resource)
    {
        var name = resource.Name;
        if (!name.StartsWith('['))
        {
            return [name.Split('/')[^1]];
        }
        var expression = name[1..^1];
        var format = FormatCallRegex().Match(expression);
        var leaf = format.Success ? Arguments(format.Groups["args"].Value)[^1] : expression;
        return Resolve(leaf);
    }

    private List<string> Resolve(string expression)
    {
        expression = expression.Trim();
        if (expression.StartsWith('\'') && expression.EndsWith('\''))
        {
            return [expression[1..^1].Replace("''", "'", StringComparison.Ordinal)];
        }
        var reference = ParameterOrVariableRegex().Match(expression);
        if (reference.Success)
        {
            var isVariable = reference.Groups["kind"].Value == "variables";
            var symbol = reference.Groups["name"].Value;
            JsonElement? value = isVariable
                ? Variables.TryGetValue(symbol, out var v) ? v : null
                : Json.TryGetProperty("parameters", out var ps) && ps.TryGetProperty(symbol, out var p) && p.TryGetProperty("defaultValue", out var d) ? d : null;
            var indexed = reference.Groups["copy"].Success;
            if (value is { ValueKind: JsonValueKind.String } s && !indexed)
            {
                return [s.GetString()!];
            }
            if (value is { ValueKind: JsonValueKind.Array } a && indexed)
            {
                return [.. a.EnumerateArray().Select(e => e.GetString()!)];
            }
        }
        return [$"[{expression}]"];
    }

    /// <summary>Splits the arguments of an ARM function call at top-level commas (quotes and brackets respected).</summary>
    private static List<string> Arguments(string text)
    {
        var arguments = new List<string>();
        var depth = 0;
        var inString = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i++;
                }
                else if (c == '\'')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '\'':
                    inString = true;
                    break;
                case '(' or '[':
                    depth++;
                    break;
                case ')' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    arguments.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        arguments.Add(text[start..].Trim());
        return arguments;
    }

    private static IEnumerable<JsonNode> ResourceNodes(JsonNode template) =>
        template["resources"] switch
        {
            JsonObject byName => byName.Select(p => p.Value!),
            JsonArray list => list.Select(r => r!),
            _ => [],
        };

    public const string DeploymentType = "Microsoft.Resources/deployments";

    [GeneratedRegex(@"^format\('(?:[^']|'')*', (?<args>.*)\)$")]
    private static partial Regex FormatCallRegex();

    [GeneratedRegex(@"^(?<kind>parameters|variables)\('(?<name>\w+)'\)(?<copy>\[copyIndex\(\)\])?$")]
    private static partial Regex ParameterOrVariableRegex();
}

/// <summary>A template parameter: its ARM type (string, securestring, int, …) and whether it has a default.</summary>
internal sealed record ArmParameter(string Name, string Type, bool HasDefault)
{
    public bool IsSecure => Type is "securestring" or "secureObject" or "secureobject";
}

/// <summary>One resource of a template: symbolic name (language version 2.0 only), type, API version, name expression.</summary>
internal sealed record ArmResource(string? Symbol, string Type, string ApiVersion, string Name, bool Existing, JsonElement Json)
{
    public static ArmResource From(string? symbol, JsonElement json) => new(
        symbol,
        json.GetProperty("type").GetString()!,
        json.GetProperty("apiVersion").GetString()!,
        json.GetProperty("name").GetString()!,
        json.TryGetProperty("existing", out var existing) && existing.GetBoolean(),
        json);

    public JsonElement Properties => Json.GetProperty("properties");
}

/// <summary>A Bicep module as compiled: the nested deployment's symbol and name, condition, parameter values and template.</summary>
internal sealed record ArmModuleUse(
    string Symbol,
    string DeploymentName,
    string? Condition,
    IReadOnlyDictionary<string, JsonElement> Parameters,
    ArmTemplate Template)
{
    /// <summary>The expression or literal passed for <paramref name="parameter"/> (<c>{"value": …}</c>), as text.</summary>
    public string ValueOf(string parameter)
    {
        Assert.True(Parameters.TryGetValue(parameter, out var passed), $"{Symbol} passes no '{parameter}'");
        var value = passed.GetProperty("value");
        return value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
    }
}
