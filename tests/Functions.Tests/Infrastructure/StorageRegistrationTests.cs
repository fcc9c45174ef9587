using System.Diagnostics;
using Azure;
using Azure.Storage.Queues;
using Bankflow.Functions.Infrastructure;
using Bankflow.LocalHost.Azurite;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Tests.Infrastructure;

/// <summary>How the SDK clients are registered: Azurite by connection string, Azure by Entra ID and service URIs.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StorageRegistrationTests(AzuriteFixture azurite)
{
    private static BankflowStorage Resolve(IDictionary<string, string?> settings) => TestStorage.Services(settings).GetRequiredService<BankflowStorage>();

    [Fact]
    public async Task A_connection_string_points_every_client_at_Azurite_and_EnsureCreated_makes_every_table_container_and_queue()
    {
        var storage = await TestStorage.CreateAsync(azurite);

        Assert.Equal(azurite.Azurite.TablePort, storage.Tables.Uri.Port);
        Assert.Equal(azurite.Azurite.BlobPort, storage.Blobs.Uri.Port);
        Assert.Equal(azurite.Azurite.QueuePort, storage.Queues.Uri.Port);
        foreach (var container in StorageNames.Containers)
        {
            Assert.True((await storage.Container(container).ExistsAsync()).Value, container);
        }
        var tables = new List<string>();
        await foreach (var table in storage.Tables.QueryAsync())
        {
            tables.Add(table.Name);
        }
        Assert.All(StorageNames.Tables, name => Assert.Contains(name, tables));
        foreach (var queue in StorageNames.Queues.Append(StorageNames.BlobPoisonQueue))
        {
            Assert.True((await storage.Queue(queue).ExistsAsync()).Value, queue);
        }
        // Idempotent: a second start (another instance, a restart) finds everything there.
        await storage.EnsureCreatedAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Queue_messages_are_stored_as_plain_text_as_host_json_expects()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var name = AzuriteFixture.UniqueName("plain");
        await storage.Queue(name).CreateIfNotExistsAsync();
        // Norwegian letters all through a long message: multi-byte characters also where the body is split into chunks.
        var json = $$"""{"clientId":"c-1","account":"97100512347","text":"{{string.Concat(Enumerable.Repeat("Blåbærsyltetøy på Ærø – ", 1_500))}}"}""";

        await storage.Queue(name).SendMessageAsync(json);

        // A reader that decodes nothing sees exactly the text: no base64 was added on the way in.
        var raw = new QueueServiceClient(azurite.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        var peeked = Assert.Single((await raw.GetQueueClient(name).PeekMessagesAsync(5)).Value);
        Assert.Equal(json, peeked.Body.ToString());
    }

    [Fact]
    public void An_account_name_alone_gives_the_Azure_endpoints_of_every_service()
    {
        var storage = Resolve(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "bankflowprod",
            ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://bankflowprod.blob.core.windows.net/"), storage.Blobs.Uri);
        Assert.Equal(new Uri("https://bankflowprod.queue.core.windows.net/"), storage.Queues.Uri);
        Assert.Equal(new Uri("https://bankflowprod.table.core.windows.net/"), storage.Tables.Uri);
        Assert.Equal("bankflowprod", storage.Blobs.AccountName);
    }

    [Fact]
    public void Explicit_service_uris_win_over_the_account_name()
    {
        var storage = Resolve(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:accountName"] = "ignored",
            ["AzureWebJobsStorage:blobServiceUri"] = "https://files.example.net/",
            ["AzureWebJobsStorage:queueServiceUri"] = "https://queues.example.net/",
            ["AzureWebJobsStorage:tableServiceUri"] = "https://tables.example.net/",
        });

        Assert.Equal(new Uri("https://files.example.net/"), storage.Blobs.Uri);
        Assert.Equal(new Uri("https://queues.example.net/"), storage.Queues.Uri);
        Assert.Equal(new Uri("https://tables.example.net/"), storage.Tables.Uri);
    }

    [Fact]
    public void Without_any_storage_setting_registration_says_which_settings_to_set()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TestStorage.Services(new Dictionary<string, string?>()));
        Assert.Contains("AzureWebJobsStorage__accountName", e.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", e.Message, StringComparison.Ordinal);

        var partial = Assert.Throws<InvalidOperationException>(() => TestStorage.Services(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage:blobServiceUri"] = "https://files.example.net/",
        }));
        Assert.Contains("queue, table", partial.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_storage_fails_within_seconds_after_bounded_retries_instead_of_hanging()
    {
        // Port 9 (discard) on loopback: nothing listens, every connection is refused.
        var dead = $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.DevelopmentAccountName};AccountKey={AzuriteProcess.DevelopmentAccountKey};" +
                   $"BlobEndpoint=http://127.0.0.1:9/{AzuriteProcess.DevelopmentAccountName};QueueEndpoint=http://127.0.0.1:9/{AzuriteProcess.DevelopmentAccountName};" +
                   $"TableEndpoint=http://127.0.0.1:9/{AzuriteProcess.DevelopmentAccountName};";
        var storage = Resolve(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = dead });
        var clock = Stopwatch.StartNew();

        var e = await Assert.ThrowsAnyAsync<Exception>(() => storage.EnsureCreatedAsync(CancellationToken.None));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
        Assert.True(StorageFailure.IsUnavailable(e), e.ToString());
        // Four tries (one plus three retries), each refused.
        Assert.Equal(4, Assert.IsType<AggregateException>(e).InnerExceptions.Count);
        Assert.All(((AggregateException)e).InnerExceptions, inner => Assert.Equal(0, Assert.IsType<RequestFailedException>(inner).Status));
    }
}
