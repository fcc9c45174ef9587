using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Bankflow.Domain.Access;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Demo;
using Bankflow.LocalHost.Hosting;
using Bankflow.Functions.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// The whole local pipeline for end-to-end tests: a real Azurite, the real handler process (the Functions
/// build output), and the host stand-in — driven step by step with <see cref="PumpAsync"/> so tests are
/// deterministic. Each test uses its own client id.
/// </summary>
public sealed class LocalStack : IAsyncLifetime
{
    public const string Collection = "LocalStack";
    public const long MaxFileBytes = 64 * 1024;

    private readonly List<LocalFunctionsHost> _extraHosts = [];

    public AzuriteProcess Azurite { get; private set; } = null!;
    public LocalFunctionsHost Host { get; private set; } = null!;
    public string FunctionKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public byte[] SigningKey { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>The worker's local data-protection key (Sbanken customer ids are encrypted with it).</summary>
    public byte[] DataKey { get; } = RandomNumberGenerator.GetBytes(32);
    public BlobServiceClient Blobs { get; private set; } = null!;
    public TableServiceClient Tables { get; private set; } = null!;
    public QueueServiceClient Queues { get; private set; } = null!;
    public List<string> HostLog { get; } = [];

    /// <summary>The Functions app's build output for the configuration these tests were built in.</summary>
    public static string HandlerDirectory
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
            return Path.Combine(RepositoryPaths.Root, "Functions", "bin", configuration, "net10.0");
        }
    }

    public async Task InitializeAsync()
    {
        EndToEndLog.AddSecret(FunctionKey);
        EndToEndLog.AddSecret(Convert.ToBase64String(SigningKey));
        EndToEndLog.AddSecret(Convert.ToBase64String(DataKey));
        Azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root).ConfigureAwait(false);
        Blobs = StorageClients.Blobs(Azurite.ConnectionString);
        Tables = StorageClients.Tables(Azurite.ConnectionString);
        Queues = StorageClients.Queues(Azurite.ConnectionString);
        Host = await StartHostAsync(new Dictionary<string, string>()).ConfigureAwait(false);
    }

    /// <summary>
    /// Another host on the same storage, e.g. with a fault injected into its handler, on a given HTTP port
    /// (<paramref name="httpPort"/> 0 = any free port), or with other HTTP front limits
    /// (<paramref name="maxRequestBodyBytes"/>; <paramref name="minRequestBodyDataRate"/>, or none with <paramref name="noMinRequestBodyDataRate"/>).
    /// </summary>
    public async Task<LocalFunctionsHost> StartHostAsync(IDictionary<string, string> extraHandlerSettings, int httpPort = 0, long? maxRequestBodyBytes = null,
        Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate? minRequestBodyDataRate = null, bool noMinRequestBodyDataRate = false)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bankflow__ClientTokenSigningKey"] = Convert.ToBase64String(SigningKey),
            ["Bankflow__EnsureStorage"] = "true",
            // The data recipient the demo OCR files (DemoFiles.OcrGiro) are addressed to.
            ["Bankflow__Nets__DataRecipient"] = DemoFiles.NetsDataRecipient,
            ["Bankflow__DataProtection__LocalKey"] = Convert.ToBase64String(DataKey),
            ["Bankflow__Intake__MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bankflow__Intake__MaxBufferedFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A crashed attempt's claim on its file runs out this soon, so the crash tests' retries take over quickly.
            ["Bankflow__Intake__ImportClaimDuration"] = "00:00:03",
            ["Logging__LogLevel__Default"] = "Warning",
            // As ./bankflow run: the app's own Information lines too, so the log scan sees everything the app says.
            ["Logging__LogLevel__Bankflow"] = "Information",
        };
        foreach (var (key, value) in extraHandlerSettings)
        {
            settings[key] = value;
        }
        var host = await LocalFunctionsHost.StartAsync(new LocalHostOptions
        {
            HandlerDirectory = HandlerDirectory,
            StorageConnectionString = Azurite.ConnectionString,
            FunctionKey = FunctionKey,
            HandlerSettings = settings,
            HttpPort = httpPort,
            RetryDelay = TimeSpan.FromMilliseconds(20),
            MaxRequestBodyBytes = maxRequestBodyBytes ?? HostRules.MaxRequestBodyBytes,
            MinRequestBodyDataRate = noMinRequestBodyDataRate ? null : minRequestBodyDataRate ?? HostRules.MinRequestBodyDataRate,
            Log = line =>
            {
                lock (HostLog)
                {
                    HostLog.Add(line);
                }
                EndToEndLog.Add(line);
            },
        }, CancellationToken.None).ConfigureAwait(false);
        if (Host is not null)
        {
            _extraHosts.Add(host);
        }
        return host;
    }

    /// <summary>The app's storage facade on this Azurite, built by the app's own registration (as the handler builds it).</summary>
    public BankflowStorage Storage()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = Azurite.ConnectionString })
            .Build();
        return new ServiceCollection().AddBankflowStorage(configuration).BuildServiceProvider().GetRequiredService<BankflowStorage>();
    }

    public static ClientId NewClient() => ClientId.Parse("c-" + Guid.NewGuid().ToString("N")[..12]);

    public string TokenFor(params ClientId[] clients) => TokenFor("test-user", clients);

    /// <summary>A token for a named user (the subject an RgB authorisation is recorded for); registered as a secret the log scan must not find.</summary>
    public string TokenFor(string subject, params ClientId[] clients)
    {
        var token = new ClientTokenService(SigningKey, TimeProvider.System).Issue(subject, clients, TimeSpan.FromMinutes(10));
        EndToEndLog.AddSecret(token);
        return token;
    }

    public HttpClient Http(LocalFunctionsHost? host = null) => new() { BaseAddress = (host ?? Host).Http!.BaseAddress };

    public HttpRequestMessage Request(HttpMethod method, string path, string? functionKey, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (functionKey is not null)
        {
            request.Headers.Add("x-functions-key", functionKey);
        }
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    public async Task DropAsync(string blobName, byte[] content) =>
        await Blobs.GetBlobContainerClient("inbox").GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(content), new BlobUploadOptions()).ConfigureAwait(false);

    public Task PumpAsync(LocalFunctionsHost? host = null) => (host ?? Host).PumpUntilIdleAsync(TimeSpan.FromSeconds(90), CancellationToken.None);

    public async Task<List<string>> BlobNamesAsync(string container, string prefix)
    {
        var names = new List<string>();
        await foreach (var blob in Blobs.GetBlobContainerClient(container).GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }).ConfigureAwait(false))
        {
            names.Add(blob.Name);
        }
        return names;
    }

    public async Task<List<TableEntity>> RowsAsync(string table, ClientId client)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Tables.GetTableClient(table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {client.Value}")).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Rows whose PartitionKey starts with <c>{client}|</c> (tables partitioned per client and account).</summary>
    public async Task<List<TableEntity>> RowsWithPrefixAsync(string table, ClientId client)
    {
        var rows = new List<TableEntity>();
        var prefix = client.Value + "|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {prefix} and PartitionKey lt {client.Value + "}"}");
        await foreach (var row in Tables.GetTableClient(table).QueryAsync<TableEntity>(filter).ConfigureAwait(false))
        {
            rows.Add(row);
        }
        return rows;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _extraHosts)
        {
            await host.DisposeAsync().ConfigureAwait(false);
        }
        if (Host is not null)
        {
            await Host.DisposeAsync().ConfigureAwait(false);
        }
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync().ConfigureAwait(false);
        }
    }
}

[CollectionDefinition(LocalStack.Collection)]
public sealed class LocalStackCollection : ICollectionFixture<LocalStack>;
