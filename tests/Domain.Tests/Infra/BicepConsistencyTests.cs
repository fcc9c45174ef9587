using System.Text.Json;
using System.Text.RegularExpressions;
using Bankflow.Testing;

namespace Bankflow.Domain.Tests.Infra;

/// <summary>
/// infra/bicep read as text and held against the app it deploys: storage names, the Service Bus
/// topic, the settings the handler reads, the connections its bindings name, the blob-triggered
/// function behind the Event Grid webhook. Plus the wiring a Bicep compiler would check and none is
/// installable here: module parameters and outputs, unused declarations, GA API versions. The app
/// side is read as source text too, so these tests need no reference to the Functions project.
/// </summary>
public sealed partial class BicepConsistencyTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string BicepDir = Path.Combine(Root, "infra", "bicep");

    private static BicepFile Bicep(string relativePath) => BicepFile.Load(Path.Combine(BicepDir, relativePath));

    private static string AppSource(params string[] parts) => File.ReadAllText(Path.Combine([Root, "Functions", .. parts]));

    private static IEnumerable<BicepFile> AllBicepFiles() =>
        Directory.EnumerateFiles(BicepDir, "*.bicep", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(BicepFile.Load);

    [Fact]
    public void Every_container_table_and_queue_in_StorageNames_is_declared_in_the_storage_module()
    {
        var names = StorageNameConstants();
        var storage = Bicep("modules/storage.bicep");

        // Guard against the parse silently finding nothing.
        Assert.Contains(names, n => n.Kind == "Container");
        Assert.Contains(names, n => n.Kind == "Table");
        Assert.Contains(names, n => n.Kind == "Queue");
        var missing = names.Where(n => n.Kind != "Topic" && !storage.Code.Contains($"'{n.Value}'", StringComparison.Ordinal)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_bank_events_topic_is_the_one_the_app_and_its_bindings_use()
    {
        var topic = Bicep("modules/servicebus.bicep").StringVariable("bankEventsTopicName");

        Assert.Equal("bank-events", topic);
        Assert.Equal(topic, StorageNameConstants().Single(n => n.Kind == "Topic").Value);
        // The isolated worker sends with a ServiceBusSender on StorageNames.BankEventsTopic (checked above): no output binding.
        Assert.DoesNotContain(Bindings(), b => b.Type == "serviceBus");
        Assert.Contains("resource bankEventsTopic 'Microsoft.ServiceBus/namespaces/topics@", Bicep("modules/servicebus.bicep").Code, StringComparison.Ordinal);
    }

    [Fact]
    public void The_function_app_runs_the_custom_handler_runtime_on_Flex_Consumption()
    {
        var app = Bicep("modules/functionapp.bicep");

        Assert.Matches(RuntimeCustomRegex(), app.Code);
        Assert.Contains("tier: 'FlexConsumption'", app.Code, StringComparison.Ordinal);
        Assert.Contains("name: 'FC1'", app.Code, StringComparison.Ordinal);
        // Flex takes the runtime from functionAppConfig and refuses these settings.
        var settings = app.ObjectKeysAfter("name: 'appsettings'");
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings);
    }

    [Fact]
    public void No_service_accepts_keys_and_no_template_holds_one()
    {
        Assert.Contains("allowSharedKeyAccess: false", Bicep("modules/storage.bicep").Code, StringComparison.Ordinal);
        Assert.Contains("disableLocalAuth: true", Bicep("modules/servicebus.bicep").Code, StringComparison.Ordinal);
        Assert.Contains("DisableLocalAuth: true", Bicep("modules/monitoring.bicep").Code, StringComparison.Ordinal);
        Assert.Contains("enableRbacAuthorization: true", Bicep("modules/keyvault.bicep").Code, StringComparison.Ordinal);
        foreach (var file in AllBicepFiles())
        {
            Assert.DoesNotContain("AccountKey", file.Code, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", file.Code, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DefaultEndpointsProtocol", file.Code, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_setting_the_app_reads_is_set_in_Azure_except_the_Azurite_connection_string()
    {
        var settings = Bicep("modules/functionapp.bicep").ObjectKeysAfter("name: 'appsettings'");
        var code = AppSource("Infrastructure", "ServiceRegistration.cs") + AppSource("Infrastructure", "StorageAccountSettings.cs");
        var keys = ConfigurationKeyRegex().Matches(code).Select(m => m.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal)).Distinct().ToList();
        var intakeProperties = OptionsPropertyRegex().Matches(AppSource("Intake", "IntakeOptions.cs")).Select(m => "Bankflow__Intake__" + m.Groups["name"].Value).ToList();

        Assert.Contains("Bankflow__ClientTokenSigningKey", keys);
        Assert.Contains("AzureWebJobsStorage__accountName", keys);
        Assert.Contains("Bankflow__Intake__MaxFileBytes", intakeProperties);
        // A connection string would win over the identity settings and needs account keys.
        Assert.Contains("AzureWebJobsStorage", keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
        // Explicit service URIs are the host's alternative to the account name, which is what Azure sets.
        string[] serviceUris = ["AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri"];
        Assert.All(serviceUris, key => Assert.Contains(key, keys));
        Assert.All(keys.Where(k => k != "AzureWebJobsStorage" && !serviceUris.Contains(k)).Concat(intakeProperties), key => Assert.Contains(key, settings));
    }

    [Fact]
    public void The_Sbanken_settings_the_client_needs_are_set_and_its_secret_comes_from_Key_Vault()
    {
        var settings = Bicep("modules/functionapp.bicep").ObjectKeysAfter("name: 'appsettings'");
        var app = Bicep("modules/functionapp.bicep").Code;
        // SbankenOptions answers 503 unless these are set (the rest have defaults).
        foreach (var name in new[] { "AuthBaseUrl", "ApiBaseUrl", "ClientId", "ClientSecret", "RedirectUri" })
        {
            Assert.Matches($@"public\s+\S+\s+{name}\b", AppSource("Sbanken", "SbankenOptions.cs"));
            Assert.Contains("Bankflow__Sbanken__" + name, settings);
        }
        Assert.Matches(@"Bankflow__Sbanken__ClientSecret: '@Microsoft\.KeyVault\(SecretUri=\$\{sbankenClientSecretUri\}\)'", app);
        Assert.Contains("/api/sbanken/callback", app, StringComparison.Ordinal);
    }

    [Fact]
    public void The_signing_key_comes_from_Key_Vault_and_storage_signs_in_with_the_managed_identity()
    {
        var app = Bicep("modules/functionapp.bicep").Code;

        Assert.Matches(@"Bankflow__ClientTokenSigningKey: '@Microsoft\.KeyVault\(SecretUri=\$\{clientTokenSigningKeySecretUri\}\)'", app);
        Assert.Contains("AzureWebJobsStorage__credential: 'managedidentity'", app, StringComparison.Ordinal);
        Assert.Contains("keyVaultReferenceIdentity: identityId", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_binding_connection_has_identity_based_settings()
    {
        var settings = Bicep("modules/functionapp.bicep").ObjectKeysAfter("name: 'appsettings'");
        // The bindings' connections, and ServiceBusConnection, which the events' ServiceBusSender reads in the same shape.
        var connections = Bindings().Select(b => b.Json.TryGetProperty("connection", out var c) ? c.GetString() : null).OfType<string>()
            .Append("ServiceBusConnection").Distinct().ToList();

        Assert.Contains("AzureWebJobsStorage", connections);
        Assert.Contains("ServiceBusConnection", connections);
        Assert.All(connections, connection =>
        {
            Assert.Contains($"{connection}__credential", settings);
            Assert.Contains($"{connection}__clientId", settings);
            string[] endpoints = [$"{connection}__accountName", $"{connection}__blobServiceUri", $"{connection}__fullyQualifiedNamespace"];
            Assert.Contains(settings, s => endpoints.Contains(s));
        });
    }

    [Fact]
    public void The_Event_Grid_webhook_calls_the_blob_triggered_function_for_inbox_arrivals()
    {
        var functionName = Bicep("main.bicep").StringVariable("blobTriggerFunctionName");
        var inbox = Bicep("modules/storage.bicep").StringVariable("inboxContainerName");
        var eventGrid = Bicep("modules/eventgrid.bicep").Code;

        Assert.Equal("inbox", inbox);
        Assert.NotNull(functionName);
        var trigger = Assert.Single(Bindings(), b => b.Type == "blobTrigger");
        Assert.Equal(functionName, trigger.Function);
        Assert.Equal("EventGrid", trigger.Json.GetProperty("source").GetString());
        Assert.StartsWith(inbox + "/", trigger.Json.GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.Contains("/runtime/webhooks/blobs?functionName=${webhookFunctionName}&code=${blobsExtensionKey}", eventGrid, StringComparison.Ordinal);
        Assert.Contains("var webhookFunctionName = 'Host.Functions.${blobTriggerFunctionName}'", eventGrid, StringComparison.Ordinal);
        Assert.Contains("subjectBeginsWith: '/blobServices/default/containers/${inboxContainerName}/'", eventGrid, StringComparison.Ordinal);
        Assert.Contains("'Microsoft.Storage.BlobCreated'", eventGrid, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_smoke_test_calls_an_anonymous_http_function_that_exists()
    {
        var readme = File.ReadAllText(Path.Combine(BicepDir, "README.md"));
        var health = Assert.Single(Bindings(), b => b.Function == "Health" && b.Type == "httpTrigger");

        Assert.Equal("anonymous", health.Json.GetProperty("authLevel").GetString(), ignoreCase: true);
        Assert.Contains("/api/" + health.Json.GetProperty("route").GetString(), readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_get_every_required_parameter_only_declared_ones_and_their_outputs_are_used()
    {
        var main = Bicep("main.bicep");
        var uses = main.Modules;
        var moduleFiles = Directory.EnumerateFiles(Path.Combine(BicepDir, "modules"), "*.bicep").Select(f => "modules/" + Path.GetFileName(f)).ToList();

        Assert.True(uses.Count >= 7, $"expected the seven modules, found {uses.Count}");
        var problems = new List<string>();
        problems.AddRange(moduleFiles.Where(file => uses.All(u => u.Path != file)).Select(file => $"{file} is not used by main.bicep"));
        foreach (var use in uses)
        {
            var declared = Bicep(use.Path).Parameters;
            problems.AddRange(use.ParameterKeys.Where(key => !declared.ContainsKey(key)).Select(key => $"{use.Symbol} passes '{key}', which {use.Path} does not declare"));
            problems.AddRange(declared.Where(p => !p.Value && !use.ParameterKeys.Contains(p.Key)).Select(p => $"{use.Symbol} does not pass required '{p.Key}' of {use.Path}"));
        }
        foreach (var path in uses.Select(u => u.Path).Distinct())
        {
            var symbols = uses.Where(u => u.Path == path).Select(u => u.Symbol).ToList();
            problems.AddRange(Bicep(path).Outputs
                .Where(output => !symbols.Exists(s => main.Code.Contains($"{s}.outputs.{output}", StringComparison.Ordinal)))
                .Select(output => $"output '{output}' of {path} is never used in main.bicep"));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_parameter_and_variable_is_used()
    {
        var problems = new List<string>();
        foreach (var file in AllBicepFiles())
        {
            var names = file.Parameters.Keys.Concat(VariableRegex().Matches(file.Code).Select(m => m.Groups["name"].Value)).ToList();
            Assert.NotEmpty(names);
            problems.AddRange(names.Where(name => !file.IsReferenced(name)).Select(name => $"'{name}' is declared but never used in {Path.GetFileName(file.Path)}"));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_symbol_whose_members_are_read_is_declared_in_the_same_file()
    {
        var problems = new List<string>();
        var dereferences = 0;
        foreach (var file in AllBicepFiles())
        {
            var declared = DeclarationRegex().Matches(file.Code).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);
            foreach (Match use in MemberAccessRegex().Matches(file.Code))
            {
                dereferences++;
                if (!declared.Contains(use.Groups["symbol"].Value))
                {
                    problems.Add($"{Path.GetFileName(file.Path)}: '{use.Value}' reads a member of an undeclared symbol");
                }
            }
        }
        Assert.True(dereferences >= 30, $"expected member reads, found {dereferences}");
        Assert.Empty(problems);
    }

    [Fact]
    public void The_parameters_file_sets_only_declared_parameters_and_no_secret()
    {
        var main = Bicep("main.bicep");
        var secure = SecureParameterRegex().Matches(File.ReadAllText(Path.Combine(BicepDir, "main.bicep"))).Select(m => m.Groups["name"].Value).ToList();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(BicepDir, "main.parameters.json")));
        var set = json.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(new[] { "clientTokenSigningKey", "sbankenClientSecret", "blobsExtensionKey" }, secure);
        Assert.DoesNotContain(set, name => !main.Parameters.ContainsKey(name));
        Assert.Empty(set.Intersect(secure));
    }

    [Fact]
    public void Every_resource_uses_a_GA_API_version()
    {
        var versions = AllBicepFiles().SelectMany(f => ResourceTypeRegex().Matches(f.Code).Select(m => (Type: m.Groups["type"].Value, Version: m.Groups["version"].Value))).ToList();

        Assert.True(versions.Count >= 20, $"expected the resource declarations, found {versions.Count}");
        Assert.All(versions, v => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", v.Version));
    }

    private sealed record StorageName(string Kind, string Value);

    /// <summary><c>const string XxxContainer|Table|Queue|Topic = "…"</c> in StorageNames.cs.</summary>
    private static List<StorageName> StorageNameConstants() =>
        [.. StorageNameRegex().Matches(AppSource("Infrastructure", "StorageNames.cs")).Select(m => new StorageName(m.Groups["kind"].Value, m.Groups["value"].Value))];

    private sealed record Binding(string Function, string Type, JsonElement Json);

    /// <summary>
    /// Every binding of every function, with the function's name, from the <c>functions.metadata</c> the Worker SDK
    /// generates into the Functions build output (the solution is built before the tests run).
    /// </summary>
    private static List<Binding> Bindings()
    {
        var metadata = Directory.EnumerateFiles(Path.Combine(Root, "Functions", "bin"), "functions.metadata", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault();
        Assert.True(metadata is not null, "Functions/bin/**/functions.metadata not found: build the solution first");
        var bindings = new List<Binding>();
        using var json = JsonDocument.Parse(File.ReadAllText(metadata));
        foreach (var function in json.RootElement.EnumerateArray())
        {
            foreach (var binding in function.GetProperty("bindings").EnumerateArray())
            {
                bindings.Add(new Binding(function.GetProperty("name").GetString()!, binding.GetProperty("type").GetString()!, binding.Clone()));
            }
        }
        Assert.NotEmpty(bindings);
        return bindings;
    }

    [GeneratedRegex(@"const string \w+?(?<kind>Container|Table|Queue|Topic) = ""(?<value>[^""]+)""")]
    private static partial Regex StorageNameRegex();

    [GeneratedRegex(@"runtime: \{\s*name: 'custom'\s*version: '1\.0'\s*\}")]
    private static partial Regex RuntimeCustomRegex();

    [GeneratedRegex(@"configuration\[""(?<key>[^""]+)""\]")]
    private static partial Regex ConfigurationKeyRegex();

    [GeneratedRegex(@"public \w+ (?<name>\w+) \{ get; set; \}")]
    private static partial Regex OptionsPropertyRegex();

    [GeneratedRegex(@"^var (?<name>\w+) =", RegexOptions.Multiline)]
    private static partial Regex VariableRegex();

    [GeneratedRegex(@"^\s*(?:param|var|resource|module|output) (?<name>\w+)", RegexOptions.Multiline)]
    private static partial Regex DeclarationRegex();

    /// <summary><c>symbol.outputs</c>, <c>.properties</c>, <c>.id</c>, <c>.name</c>, <c>.identity</c>, also after <c>::</c>.</summary>
    [GeneratedRegex(@"(?<![\w.])(?<symbol>[A-Za-z_]\w*)\.(?:outputs|properties|id|name|identity)\b")]
    private static partial Regex MemberAccessRegex();

    [GeneratedRegex(@"@secure\(\)\s*\n(?:@.*\n)*param (?<name>\w+)")]
    private static partial Regex SecureParameterRegex();

    [GeneratedRegex(@"'(?<type>Microsoft\.[\w./]+)@(?<version>[^']+)'")]
    private static partial Regex ResourceTypeRegex();
}
