using System.Text.Json;
using System.Text.RegularExpressions;
using Bankflow.Testing;

namespace Bankflow.Infra.Tests;

/// <summary>
/// infra/bicep, compiled to ARM JSON by <c>bicep build</c> (<see cref="CompiledBicep"/>), held against
/// the app it deploys: storage names, the Service Bus topic, the settings the app reads, the
/// connections its bindings name, the blob-triggered function behind the Event Grid webhook, the
/// runtime. Plus wiring the compiler leaves to deployment time: every module output used, nothing
/// declared and unused, GA API versions, no secret in the parameters file. The app side is read as
/// source text and binding metadata, so these tests need no reference to the Functions project.
/// </summary>
public sealed partial class BicepConsistencyTests
{
    private static readonly string Root = RepositoryPaths.Root;

    private static ArmTemplate Template(string bicepPath) => CompiledBicep.Template(bicepPath);

    private static string AppSource(params string[] parts) => File.ReadAllText(Path.Combine([Root, "Functions", .. parts]));

    /// <summary>The app settings the function app gets: name → value (a literal or an ARM expression).</summary>
    private static Dictionary<string, string> AppSettings()
    {
        var settings = Template("modules/functionapp.bicep").Single("Microsoft.Web/sites/config");
        Assert.EndsWith("'appsettings')]", settings.Name, StringComparison.Ordinal);
        return settings.Properties.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString(), StringComparer.Ordinal);
    }

    [Fact]
    public void Every_container_table_and_queue_in_StorageNames_is_declared_in_the_storage_module()
    {
        var names = StorageNameConstants();
        var storage = Template("modules/storage.bicep");
        var declared = new Dictionary<string, IReadOnlyList<string>>
        {
            ["Container"] = Leaves(storage, "Microsoft.Storage/storageAccounts/blobServices/containers"),
            ["Table"] = Leaves(storage, "Microsoft.Storage/storageAccounts/tableServices/tables"),
            ["Queue"] = Leaves(storage, "Microsoft.Storage/storageAccounts/queueServices/queues"),
        };

        // Guard against the parse silently finding nothing.
        Assert.Contains(names, n => n.Kind == "Container");
        Assert.Contains(names, n => n.Kind == "Table");
        Assert.Contains(names, n => n.Kind == "Queue");
        var missing = names.Where(n => n.Kind != "Topic" && !declared[n.Kind].Contains(n.Value)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_bank_events_topic_is_the_one_the_app_and_its_bindings_use()
    {
        var serviceBus = Template("modules/servicebus.bicep");
        var topic = serviceBus.StringVariable("bankEventsTopicName");

        Assert.Equal("bank-events", topic);
        Assert.Equal(topic, StorageNameConstants().Single(n => n.Kind == "Topic").Value);
        // The custom handler sent through serviceBus output bindings; the isolated worker sends with a
        // ServiceBusSender on StorageNames.BankEventsTopic (checked above) and has no such binding.
        Assert.All(AppBindings.Read().Where(b => b.Type == "serviceBus"), b => Assert.Equal(topic, b.Property("topicName")));
        var declared = Assert.Single(serviceBus.Deployed("Microsoft.ServiceBus/namespaces/topics"));
        Assert.Equal(new[] { topic! }, serviceBus.LeafNames(declared).ToArray());
    }

    [Fact]
    public void The_topic_drops_a_resent_event_because_the_message_id_is_the_event_id()
    {
        var topic = Template("modules/servicebus.bicep").Single("Microsoft.ServiceBus/namespaces/topics").Properties;

        Assert.True(topic.GetProperty("requiresDuplicateDetection").GetBoolean());
        // At least the day over which Event Grid redelivers a BlobCreated event (eventgrid.bicep).
        Assert.True(System.Xml.XmlConvert.ToTimeSpan(topic.GetProperty("duplicateDetectionHistoryTimeWindow").GetString()!) >= TimeSpan.FromDays(1));
    }

    [Fact]
    public void The_app_identity_may_send_to_the_bank_events_topic()
    {
        var rbac = Template("modules/rbac.bicep");
        var roles = rbac.Variables["roles"];
        var main = Template("main.bicep").Modules.Single(m => m.Symbol == "rbac");

        Assert.Equal("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", roles.GetProperty("serviceBusDataSender").GetString()); // Azure Service Bus Data Sender
        var sender = Assert.Single(rbac.Deployed("Microsoft.Authorization/roleAssignments"),
            r => r.Properties.GetProperty("roleDefinitionId").GetString()!.Contains("variables('roles').serviceBusDataSender", StringComparison.Ordinal));
        Assert.Equal("[resourceId('Microsoft.ServiceBus/namespaces/topics', parameters('serviceBusNamespaceName'), parameters('bankEventsTopicName'))]", sender.Json.GetProperty("scope").GetString());
        Assert.Equal("[parameters('principalId')]", sender.Properties.GetProperty("principalId").GetString());
        Assert.Equal("[reference('serviceBus').outputs.bankEventsTopicName.value]", main.ValueOf("bankEventsTopicName"));
    }

    [Fact]
    public void The_function_app_runs_the_dotnet_isolated_worker_on_Flex_Consumption()
    {
        var app = Template("modules/functionapp.bicep");
        var runtime = app.Single("Microsoft.Web/sites").Properties.GetProperty("functionAppConfig").GetProperty("runtime");
        var plan = app.Single("Microsoft.Web/serverfarms").Json.GetProperty("sku");

        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("tier").GetString());
        Assert.Equal("FC1", plan.GetProperty("name").GetString());
        // Flex takes the runtime from functionAppConfig and refuses these settings.
        var settings = AppSettings();
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings.Keys);
        Assert.DoesNotContain("FUNCTIONS_EXTENSION_VERSION", settings.Keys);
        Assert.DoesNotContain("WEBSITE_RUN_FROM_PACKAGE", settings.Keys);
    }

    [Fact]
    public void No_service_accepts_keys_and_no_template_holds_one()
    {
        Assert.False(Template("modules/storage.bicep").Single("Microsoft.Storage/storageAccounts").Properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.True(Template("modules/servicebus.bicep").Single("Microsoft.ServiceBus/namespaces").Properties.GetProperty("disableLocalAuth").GetBoolean());
        Assert.True(Template("modules/monitoring.bicep").Single("Microsoft.Insights/components").Properties.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.True(Template("modules/keyvault.bicep").Single("Microsoft.KeyVault/vaults").Properties.GetProperty("enableRbacAuthorization").GetBoolean());
        var listCalls = new List<string>();
        foreach (var template in CompiledBicep.AllTemplates)
        {
            Assert.DoesNotContain("AccountKey", template.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", template.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("DefaultEndpointsProtocol", template.Text, StringComparison.OrdinalIgnoreCase);
            listCalls.AddRange(ListKeysCallRegex().Matches(template.OwnText).Select(m => $"{template.Source}: {m.Value}"));
        }
        // The one key any template reads is the Functions host's (for the Event Grid webhook), never
        // a storage or Service Bus key.
        Assert.NotEmpty(listCalls);
        Assert.All(listCalls, call => Assert.Contains("/host/default", call, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_setting_the_app_reads_is_set_in_Azure_except_the_Azurite_connection_string()
    {
        var settings = AppSettings();
        var keys = ConfigurationKeysReadByTheApp();
        var intakeProperties = OptionsPropertyRegex().Matches(AppSource("Intake", "IntakeOptions.cs")).Select(m => "Bankflow__Intake__" + m.Groups["name"].Value).ToList();

        Assert.Contains("Bankflow__ClientTokenSigningKey", keys);
        Assert.Contains("AzureWebJobsStorage__accountName", keys);
        Assert.Contains("Bankflow__Intake__MaxFileBytes", intakeProperties);
        // A connection string would win over the identity settings and needs account keys.
        Assert.Contains("AzureWebJobsStorage", keys);
        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        // Explicit service URIs are the host's alternative to the account name, which is what Azure sets.
        string[] serviceUris = ["AzureWebJobsStorage__blobServiceUri", "AzureWebJobsStorage__queueServiceUri", "AzureWebJobsStorage__tableServiceUri"];
        Assert.All(serviceUris, key => Assert.Contains(key, keys));
        Assert.All(keys.Where(k => k != "AzureWebJobsStorage" && !serviceUris.Contains(k)).Concat(intakeProperties), key => Assert.Contains(key, settings.Keys));
    }

    [Fact]
    public void Events_go_out_on_Service_Bus_in_Azure()
    {
        var settings = AppSettings();

        // Bankflow:Events:Transport picks the event publisher; locally it defaults to an Azurite queue.
        Assert.Equal("ServiceBus", settings["Bankflow__Events__Transport"]);
        Assert.Equal("[parameters('serviceBusFullyQualifiedNamespace')]", settings["ServiceBusConnection__fullyQualifiedNamespace"]);
        Assert.Equal("[reference('serviceBus').outputs.fullyQualifiedNamespace.value]",
            Template("main.bicep").Modules.Single(m => m.Symbol == "functionApp").ValueOf("serviceBusFullyQualifiedNamespace"));
    }

    [Fact]
    public void The_Sbanken_settings_the_client_needs_are_set_and_its_secret_comes_from_Key_Vault()
    {
        var settings = AppSettings();
        // SbankenOptions answers 503 unless these are set (the rest have defaults).
        foreach (var name in new[] { "AuthBaseUrl", "ApiBaseUrl", "ClientId", "ClientSecret", "RedirectUri" })
        {
            Assert.Matches($@"public\s+\S+\s+{name}\b", AppSource("Sbanken", "SbankenOptions.cs"));
            Assert.Contains("Bankflow__Sbanken__" + name, settings.Keys);
        }
        Assert.Equal("[format('@Microsoft.KeyVault(SecretUri={0})', parameters('sbankenClientSecretUri'))]", settings["Bankflow__Sbanken__ClientSecret"]);
        Assert.Contains("/api/sbanken/callback", settings["Bankflow__Sbanken__RedirectUri"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_DNB_settings_are_set_its_callback_secret_comes_from_Key_Vault_and_the_Nets_data_recipient_is_required()
    {
        var settings = AppSettings();
        // DnbOptions answers 503 unless these are set (the order lifetime has a default).
        foreach (var name in new[] { "WizardUrl", "CallbackSecret" })
        {
            Assert.Matches($@"public\s+\S+\s+{name}\b", AppSource("Dnb", "DnbOptions.cs"));
            Assert.Contains("Bankflow__Dnb__" + name, settings.Keys);
        }
        Assert.Equal("[format('@Microsoft.KeyVault(SecretUri={0})', parameters('dnbCallbackSecretUri'))]", settings["Bankflow__Dnb__CallbackSecret"]);
        Assert.Equal("[reference('keyVault').outputs.dnbCallbackSecretUri.value]", Template("main.bicep").Modules.Single(m => m.Symbol == "functionApp").ValueOf("dnbCallbackSecretUri"));
        // The app does not start without it, so the deployment must not either: no default.
        Assert.Equal("[parameters('netsDataRecipient')]", settings["Bankflow__Nets__DataRecipient"]);
        Assert.False(Template("main.bicep").Parameters["netsDataRecipient"].HasDefault);
    }

    [Fact]
    public void The_signing_key_comes_from_Key_Vault_and_storage_signs_in_with_the_managed_identity()
    {
        var settings = AppSettings();
        var site = Template("modules/functionapp.bicep").Single("Microsoft.Web/sites");

        Assert.Equal("[format('@Microsoft.KeyVault(SecretUri={0})', parameters('clientTokenSigningKeySecretUri'))]", settings["Bankflow__ClientTokenSigningKey"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("[parameters('identityId')]", site.Properties.GetProperty("keyVaultReferenceIdentity").GetString());
    }

    [Fact]
    public void Personal_fields_are_encrypted_with_a_Key_Vault_key_the_identity_may_wrap_and_unwrap_with()
    {
        var settings = AppSettings();
        var vault = Template("modules/keyvault.bicep");
        var rbac = Template("modules/rbac.bicep");
        var main = Template("main.bicep").Modules.Single(m => m.Symbol == "functionApp");

        // FieldProtection reads Bankflow:DataProtection:KeyVaultKeyId; the module passes the vault's key URI.
        Assert.Contains("\"Bankflow:DataProtection\"", AppSource("Security", "FieldProtection.cs"), StringComparison.Ordinal);
        Assert.Equal("[parameters('dataProtectionKeyUri')]", settings["Bankflow__DataProtection__KeyVaultKeyId"]);
        Assert.Equal("[reference('keyVault').outputs.dataProtectionKeyUri.value]", main.ValueOf("dataProtectionKeyUri"));
        var key = vault.Single("Microsoft.KeyVault/vaults/keys").Properties;
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal(["wrapKey", "unwrapKey"], key.GetProperty("keyOps").EnumerateArray().Select(o => o.GetString()));
        Assert.Equal("12338af0-0e69-4776-bea7-57ae8d297424", rbac.Variables["roles"].GetProperty("keyVaultCryptoUser").GetString()); // Key Vault Crypto User
        Assert.Single(rbac.Deployed("Microsoft.Authorization/roleAssignments"),
            r => r.Properties.GetProperty("roleDefinitionId").GetString()!.Contains("variables('roles').keyVaultCryptoUser", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_connection_the_app_uses_has_identity_based_settings()
    {
        var settings = AppSettings();
        var bindingConnections = AppBindings.Read().Select(b => b.Property("connection")).OfType<string>().ToList();
        // Bindings name their connections; Service Bus is checked even when no binding names it (a
        // ServiceBusSender reads the same ServiceBusConnection__* shape).
        var connections = bindingConnections.Append("ServiceBusConnection").Distinct().ToList();

        Assert.Contains("AzureWebJobsStorage", bindingConnections);
        Assert.All(connections, connection =>
        {
            Assert.Equal("managedidentity", settings.GetValueOrDefault($"{connection}__credential"));
            Assert.Equal("[parameters('identityClientId')]", settings.GetValueOrDefault($"{connection}__clientId"));
            string[] endpoints = [$"{connection}__accountName", $"{connection}__blobServiceUri", $"{connection}__fullyQualifiedNamespace"];
            Assert.Contains(settings.Keys, s => endpoints.Contains(s));
        });
    }

    [Fact]
    public void The_Event_Grid_webhook_calls_the_blob_triggered_function_for_inbox_arrivals()
    {
        var main = Template("main.bicep");
        var functionName = main.StringVariable("blobTriggerFunctionName");
        var inbox = Template("modules/storage.bicep").StringVariable("inboxContainerName");
        var eventGrid = Template("modules/eventgrid.bicep");

        Assert.Equal("inbox", inbox);
        Assert.NotNull(functionName);
        var trigger = Assert.Single(AppBindings.Read(), b => b.Type == "blobTrigger");
        Assert.Equal(functionName, trigger.Function);
        Assert.Equal("EventGrid", trigger.Property("source"), ignoreCase: true);
        Assert.StartsWith(inbox + "/", trigger.Property("path"), StringComparison.Ordinal);

        // Both ways of getting the key (read with listKeys, or passed by hand) build the same URL: the
        // app's own host name, the host's blob webhook, the function as Host.Functions.{name}.
        var uses = main.Modules.Where(m => m.Template.TemplateHash == eventGrid.TemplateHash).ToList();
        Assert.Equal(2, uses.Count);
        Assert.All(uses, use =>
        {
            Assert.StartsWith(
                "[format('{0}{1}', format('https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code=', reference('functionApp').outputs.defaultHostName.value, variables('blobTriggerFunctionName')), ",
                use.ValueOf("webhookUrl"), StringComparison.Ordinal);
            Assert.Equal("[reference('storage').outputs.inboxContainerName.value]", use.ValueOf("inboxContainerName"));
        });
        Assert.Contains(uses, u => u.ValueOf("webhookUrl").Contains("listOutputsWithSecureValues('hostKeys'", StringComparison.Ordinal));
        Assert.Contains(uses, u => u.ValueOf("webhookUrl").EndsWith("parameters('blobsExtensionKey'))]", StringComparison.Ordinal));

        // The URL carries the key: a secure parameter, used as the endpoint as it is.
        Assert.True(eventGrid.Parameters["webhookUrl"].IsSecure);
        var subscription = eventGrid.Single("Microsoft.EventGrid/systemTopics/eventSubscriptions").Properties;
        Assert.Equal("[parameters('webhookUrl')]", subscription.GetProperty("destination").GetProperty("properties").GetProperty("endpointUrl").GetString());
        Assert.Equal("[format('/blobServices/default/containers/{0}/', parameters('inboxContainerName'))]", subscription.GetProperty("filter").GetProperty("subjectBeginsWith").GetString());
        Assert.Equal(new[] { "Microsoft.Storage.BlobCreated" }, subscription.GetProperty("filter").GetProperty("includedEventTypes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void The_host_key_is_read_from_the_app_it_was_created_for_and_leaves_the_module_as_a_secure_output()
    {
        var main = Template("main.bicep");
        var hostKeys = Template("modules/hostkeys.bicep");
        var use = main.Modules.Single(m => m.Template.TemplateHash == hostKeys.TemplateHash);
        var output = hostKeys.Outputs["blobsExtensionKey"];

        Assert.Equal("[reference('functionApp').outputs.name.value]", use.ValueOf("functionAppName"));
        Assert.Equal("securestring", output.GetProperty("type").GetString());
        Assert.Equal(
            "[listKeys(format('{0}/host/default', resourceId('Microsoft.Web/sites', parameters('functionAppName'))), '2024-04-01').systemKeys.blobs_extension]",
            output.GetProperty("value").GetString());
        // It runs exactly when the subscription is built from a listed key.
        var listed = main.Modules.Single(m => m.Symbol == "eventGridListedKey");
        Assert.NotNull(use.Condition);
        Assert.Equal(use.Condition, listed.Condition);
    }

    [Fact]
    public void The_README_smoke_test_calls_an_anonymous_http_function_that_exists()
    {
        var readme = File.ReadAllText(Path.Combine(CompiledBicep.SourceDir, "README.md"));
        var health = Assert.Single(AppBindings.Read(), b => b.Function == "Health" && b.Type == "httpTrigger");

        Assert.Equal("anonymous", health.Property("authLevel"), ignoreCase: true);
        Assert.Contains("/api/" + health.Property("route"), readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Modules_get_every_required_parameter_only_declared_ones_and_their_outputs_are_used()
    {
        var main = Template("main.bicep");
        var uses = main.Modules;
        var moduleFiles = CompiledBicep.SourceFiles.Where(f => f.StartsWith("modules/", StringComparison.Ordinal)).ToDictionary(f => f, f => Template(f).TemplateHash);
        var mainText = main.OwnText;

        Assert.True(uses.Count >= 8, $"expected the modules of main.bicep, found {uses.Count}");
        var problems = new List<string>();
        problems.AddRange(moduleFiles.Where(file => uses.All(u => u.Template.TemplateHash != file.Value)).Select(file => $"{file.Key} is not used by main.bicep"));
        problems.AddRange(uses.Where(u => !moduleFiles.ContainsValue(u.Template.TemplateHash)).Select(u => $"{u.Symbol} uses a template that is no file under modules/"));
        foreach (var use in uses)
        {
            var declared = use.Template.Parameters;
            problems.AddRange(use.Parameters.Keys.Where(key => !declared.ContainsKey(key)).Select(key => $"{use.Symbol} passes '{key}', which its module does not declare"));
            problems.AddRange(declared.Values.Where(p => !p.HasDefault && !use.Parameters.ContainsKey(p.Name)).Select(p => $"{use.Symbol} does not pass required '{p.Name}'"));
        }
        foreach (var group in uses.GroupBy(u => u.Template.TemplateHash))
        {
            var file = moduleFiles.FirstOrDefault(f => f.Value == group.Key).Key ?? group.First().Symbol;
            problems.AddRange(group.First().Template.Outputs.Keys
                .Where(output => !group.Any(use => ReadsOutput(mainText, use, output)))
                .Select(output => $"output '{output}' of {file} is never used in main.bicep"));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_parameter_and_variable_is_used()
    {
        var problems = new List<string>();
        foreach (var template in CompiledBicep.AllTemplates)
        {
            var text = template.OwnText;
            Assert.NotEmpty(template.Parameters);
            problems.AddRange(template.Parameters.Keys.Where(p => !text.Contains($"parameters('{p}')", StringComparison.Ordinal)).Select(p => $"parameter '{p}' is never used in {template.Source}"));
            problems.AddRange(template.Variables.Keys.Where(v => !text.Contains($"variables('{v}')", StringComparison.Ordinal)).Select(v => $"variable '{v}' is never used in {template.Source}"));
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_parameter_variable_and_resource_an_expression_names_is_declared_in_the_same_template()
    {
        var problems = new List<string>();
        var references = 0;
        foreach (var template in CompiledBicep.AllTemplates)
        {
            var text = template.OwnText;
            var symbols = template.Resources.Select(r => r.Symbol).OfType<string>().ToHashSet(StringComparer.Ordinal);
            foreach (Match use in SymbolReferenceRegex().Matches(text))
            {
                references++;
                var name = use.Groups["name"].Value;
                var known = use.Groups["kind"].Value switch
                {
                    "parameters" => template.Parameters.ContainsKey(name),
                    "variables" => template.Variables.ContainsKey(name),
                    _ => symbols.Contains(name), // reference('x') / listOutputsWithSecureValues('x') name a resource symbol (language version 2.0)
                };
                if (!known)
                {
                    problems.Add($"{template.Source}: '{use.Value}' names nothing declared there");
                }
            }
            foreach (var resource in template.Resources)
            {
                if (resource.Json.TryGetProperty("dependsOn", out var dependsOn) && template.Json.GetProperty("resources").ValueKind == JsonValueKind.Object)
                {
                    problems.AddRange(dependsOn.EnumerateArray().Select(d => d.GetString()!).Where(d => !symbols.Contains(d)).Select(d => $"{template.Source}: {resource.Symbol} depends on unknown '{d}'"));
                }
            }
        }
        Assert.True(references >= 100, $"expected parameter, variable and resource references, found {references}");
        Assert.Empty(problems);
    }

    [Fact]
    public void The_parameters_file_sets_only_declared_parameters_and_no_secret()
    {
        var parameters = Template("main.bicep").Parameters;
        var secure = parameters.Values.Where(p => p.IsSecure).Select(p => p.Name).ToList();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(CompiledBicep.SourceDir, "main.parameters.json")));
        var set = json.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Equal(new[] { "clientTokenSigningKey", "sbankenClientSecret", "dnbCallbackSecret", "modhiAgencySecret", "blobsExtensionKey" }, secure);
        Assert.DoesNotContain(set, name => !parameters.ContainsKey(name));
        Assert.Empty(set.Intersect(secure));
    }

    [Fact]
    public void Every_resource_uses_a_GA_API_version()
    {
        var templates = CompiledBicep.AllTemplates;
        var versions = templates.SelectMany(t => t.Resources.Select(r => (t.Source, r.Type, r.ApiVersion))).ToList();

        Assert.True(versions.Count >= 20, $"expected the resource declarations, found {versions.Count}");
        Assert.All(versions, v => Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", v.ApiVersion));
        // API versions inside expressions too (listKeys, reference, …).
        Assert.All(templates, t => Assert.DoesNotMatch(@"'\d{4}-\d{2}-\d{2}-[a-z]+'", t.Text));
    }

    /// <summary>
    /// Whether main reads <paramref name="output"/> of <paramref name="use"/>: <c>reference('sym').outputs.x</c>
    /// (language version 2.0), <c>reference(resourceId('Microsoft.Resources/deployments', 'name'), …).outputs.x</c>
    /// (1.0), or, for a secure output, through <c>listOutputsWithSecureValues('sym', …)</c>.
    /// </summary>
    private static bool ReadsOutput(string mainText, ArmModuleUse use, string output)
    {
        var symbol = Regex.Escape(use.Symbol);
        var name = Regex.Escape(use.DeploymentName);
        var key = Regex.Escape(output);
        return Regex.IsMatch(mainText, $@"reference\((?:'{symbol}'|resourceId\('Microsoft\.Resources/deployments', '{name}'\), '[^']+')\)\.outputs\.{key}\b")
            || Regex.IsMatch(mainText, $@"listOutputsWithSecureValues\('{symbol}'[^""]*'{key}'");
    }

    /// <summary>Names of containers, tables or queues that a storage template declares (copy loops expanded).</summary>
    private static List<string> Leaves(ArmTemplate template, string type) =>
        [.. template.Deployed(type).SelectMany(r => template.LeafNames(r))];

    /// <summary>
    /// Configuration keys the app reads with <c>configuration["…"]</c> anywhere in Functions/ (ServiceRegistration,
    /// the storage settings, …), written as app settings (":" → "__").
    /// </summary>
    private static List<string> ConfigurationKeysReadByTheApp()
    {
        var functions = Path.Combine(Root, "Functions");
        var sources = Directory.EnumerateFiles(functions, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(functions, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));
        return [.. sources.SelectMany(f => ConfigurationKeyRegex().Matches(File.ReadAllText(f)))
            .Select(m => m.Groups["key"].Value.Replace(":", "__", StringComparison.Ordinal))
            .Distinct()
            .Order(StringComparer.Ordinal)];
    }

    private sealed record StorageName(string Kind, string Value);

    /// <summary><c>const string XxxContainer|Table|Queue|Topic = "…"</c> in StorageNames.cs.</summary>
    private static List<StorageName> StorageNameConstants() =>
        [.. StorageNameRegex().Matches(AppSource("Infrastructure", "StorageNames.cs")).Select(m => new StorageName(m.Groups["kind"].Value, m.Groups["value"].Value))];

    [GeneratedRegex(@"const string \w+?(?<kind>Container|Table|Queue|Topic) = ""(?<value>[^""]+)""")]
    private static partial Regex StorageNameRegex();

    [GeneratedRegex(@"configuration\[""(?<key>[^""]+)""\]")]
    private static partial Regex ConfigurationKeyRegex();

    [GeneratedRegex(@"public \w+ (?<name>\w+) \{ get; set; \}")]
    private static partial Regex OptionsPropertyRegex();

    /// <summary><c>listKeys(…)</c> up to its API version argument.</summary>
    [GeneratedRegex(@"\blist\w*Keys\([^""]*?'\d{4}-\d{2}-\d{2}[^']*'\)")]
    private static partial Regex ListKeysCallRegex();

    [GeneratedRegex(@"\b(?<kind>parameters|variables|reference|listOutputsWithSecureValues)\('(?<name>[^']+)'")]
    private static partial Regex SymbolReferenceRegex();
}
