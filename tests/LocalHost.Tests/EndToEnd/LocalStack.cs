using System.Net.Http.Headers;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using Bankflow.Domain.Access;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Azurite;
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
        Azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root).ConfigureAwait(false);
        Blobs = StorageClients.Blobs(Azurite.ConnectionString);
        Tables = StorageClients.Tables(Azurite.ConnectionString);
        Queues = StorageClients.Queues(Azurite.ConnectionString);
        Host = await StartHostAsync(new Dictionary<string, string>()).ConfigureAwait(false);
    }

    /// <summary>Another host on the same storage, e.g. with a fault injected into its handler.</summary>
    public async Task<LocalFunctionsHost> StartHostAsync(IDictionary<string, string> extraHandlerSettings)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bankflow__ClientTokenSigningKey"] = Convert.ToBase64String(SigningKey),
            ["Bankflow__EnsureStorage"] = "true",
            ["Bankflow__Intake__MaxFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bankflow__Intake__MaxBufferedFileBytes"] = MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A crashed attempt's claim on its file runs out this soon, so the crash tests' retries take over quickly.
            ["Bankflow__Intake__ImportClaimDuration"] = "00:00:03",
            ["Logging__LogLevel__Default"] = "Warning",
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
            RetryDelay = TimeSpan.FromMilliseconds(20),
            Log = line => { lock (HostLog) { HostLog.Add(line); } },
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

    public string TokenFor(params ClientId[] clients) =>
        new ClientTokenService(SigningKey, TimeProvider.System).Issue("test-user", clients, TimeSpan.FromMinutes(10));

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
