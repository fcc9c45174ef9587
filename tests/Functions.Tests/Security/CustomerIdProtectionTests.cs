using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Sbanken;
using Bankflow.Functions.Security;
using Bankflow.Functions.Tests.Infrastructure;
using Bankflow.Testing;

namespace Bankflow.Functions.Tests.Security;

/// <summary>Sbanken's customer id (a national identity number in the real API) is encrypted at rest, on Azurite.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class CustomerIdProtectionTests(AzuriteFixture azurite)
{
    /// <summary>A valid fødselsnummer (check digits hold): what Sbanken's customerId is in production.</summary>
    private const string CustomerId = "15068510160";

    private static readonly IFieldProtector Local = new LocalKeyFieldProtector(TestApp.DataKey);

    private static SbankenAgreement Agreement() => new(
        new DateOnly(2026, 1, 1),
        [new ActiveAccount("acc", AccountNumber.Parse("97100512347"), "Drift", LedgerAccount.Parse("1920"), SbankenServices.Both, LedgerAccount.Parse("7770"), new DateOnly(2026, 11, 1), Money.FromKroner(10.5m))],
        AccountNumber.Parse("97100512347"), AccountNumber.Parse("97100512347"), AccountNumber.Parse("97100512347"));

    private static async Task<TableEntity> RawAsync(BankflowStorage storage, string table, string partition, string row) =>
        (await storage.Table(table).GetEntityAsync<TableEntity>(partition, row)).Value;

    [Fact]
    public async Task The_agreements_customer_id_is_stored_encrypted_and_read_back_in_clear()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new SbankenAgreementStore(storage, Local);
        var client = TestStorage.NewClient();

        await store.SaveAsync(client, CustomerId, Agreement(), DateTimeOffset.UtcNow, CancellationToken.None);

        var raw = await RawAsync(storage, StorageNames.SbankenAgreementsTable, client.Value, SbankenAgreementStore.RowKey);
        var stored = raw.GetString("CustomerId");
        Assert.StartsWith("bfenc1.local.", stored, StringComparison.Ordinal);
        Assert.DoesNotContain(CustomerId, stored, StringComparison.Ordinal);
        Assert.Equal(CustomerId, (await store.GetAsync(client, CancellationToken.None))!.CustomerId);
        Assert.Equal(CustomerId, Assert.Single(await store.ListAllAsync(CancellationToken.None), a => a.Client == client).CustomerId);
    }

    [Fact]
    public async Task A_row_stored_in_clear_before_stays_readable_and_is_encrypted_by_the_migration()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new SbankenAgreementStore(storage, Local);
        var client = TestStorage.NewClient();
        await store.SaveAsync(client, CustomerId, Agreement(), DateTimeOffset.UtcNow, CancellationToken.None);
        // As the row looked before encryption: the customer id in clear.
        var table = storage.Table(StorageNames.SbankenAgreementsTable);
        await table.UpdateEntityAsync(new TableEntity(client.Value, SbankenAgreementStore.RowKey) { ["CustomerId"] = CustomerId }, Azure.ETag.All, TableUpdateMode.Merge);

        Assert.Equal(CustomerId, (await store.GetAsync(client, CancellationToken.None))!.CustomerId);
        var encrypted = await store.ProtectClearCustomerIdsAsync(CancellationToken.None);

        Assert.True(encrypted >= 1);
        Assert.StartsWith("bfenc1.", (await RawAsync(storage, StorageNames.SbankenAgreementsTable, client.Value, SbankenAgreementStore.RowKey)).GetString("CustomerId"), StringComparison.Ordinal);
        var after = (await store.GetAsync(client, CancellationToken.None))!;
        Assert.Equal(CustomerId, after.CustomerId);
        Assert.Single(after.Agreement.Accounts); // the merge touched the customer id only
    }

    [Fact]
    public async Task A_ciphertext_copied_into_another_clients_row_does_not_decrypt()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new SbankenAgreementStore(storage, Local);
        var (a, b) = (TestStorage.NewClient(), TestStorage.NewClient());
        await store.SaveAsync(a, CustomerId, Agreement(), DateTimeOffset.UtcNow, CancellationToken.None);
        await store.SaveAsync(b, "other-customer", Agreement(), DateTimeOffset.UtcNow, CancellationToken.None);
        var fromA = (await RawAsync(storage, StorageNames.SbankenAgreementsTable, a.Value, SbankenAgreementStore.RowKey)).GetString("CustomerId");
        await storage.Table(StorageNames.SbankenAgreementsTable).UpdateEntityAsync(
            new TableEntity(b.Value, SbankenAgreementStore.RowKey) { ["CustomerId"] = fromA }, Azure.ETag.All, TableUpdateMode.Merge);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => store.GetAsync(b, CancellationToken.None));
    }

    [Fact]
    public async Task The_pending_onboardings_customer_id_is_stored_encrypted()
    {
        var storage = await TestStorage.CreateAsync(azurite);
        var store = new SbankenOnboardingStore(storage, Local);
        var client = TestStorage.NewClient();
        var now = DateTimeOffset.UtcNow;
        var userKey = SbankenOnboardingStore.UserKey("test-user");

        await store.SavePendingAsync(new PendingOnboarding(client, userKey, CustomerId, [new OfferedAccount("acc", "97100512347", "Drift", null, Money.Zero, Money.Zero)], now, now.AddHours(1)), CancellationToken.None);

        var raw = (await RawAsync(storage, StorageNames.SbankenOnboardingTable, client.Value, "pending-" + userKey)).GetString("CustomerId");
        Assert.DoesNotContain(CustomerId, raw, StringComparison.Ordinal);
        Assert.Equal(CustomerId, (await store.GetPendingAsync(client, userKey, now, CancellationToken.None))!.CustomerId);
    }

    [Fact]
    public async Task Without_a_key_nothing_is_stored_in_clear_but_old_clear_values_are_read()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection()
            .AddFieldProtection(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var none = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<IFieldProtector>(
            Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services));

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await none.ProtectAsync(CustomerId, "ctx", CancellationToken.None));
        Assert.Equal(CustomerId, await none.UnprotectAsync(CustomerId, "ctx", CancellationToken.None));
    }

    [Fact]
    public async Task The_Key_Vault_protector_wraps_one_data_key_per_process_and_unwraps_it_once_through_the_keys_REST_API()
    {
        using var rsa = RSA.Create(2048);
        var vault = new FakeKeyVault(rsa);
        var keyId = new Uri("https://bankflow-kv.vault.azure.net/keys/bankflow-data");
        var writer = new KeyVaultFieldProtector(keyId, vault.Pipeline());

        var first = await writer.ProtectAsync(CustomerId, "SbankenAgreements/acme/agreement/CustomerId", CancellationToken.None);
        var second = await writer.ProtectAsync("another", "ctx-2", CancellationToken.None);

        Assert.StartsWith("bfenc1.kv.", first, StringComparison.Ordinal);
        Assert.DoesNotContain(CustomerId, first, StringComparison.Ordinal);
        Assert.Equal(["POST /keys/bankflow-data/wrapkey?api-version=7.4"], vault.Calls);

        // Another process: unwraps the data key once (at the exact key version), then decrypts from memory.
        var reader = new KeyVaultFieldProtector(keyId, vault.Pipeline());
        Assert.Equal(CustomerId, await reader.UnprotectAsync(first, "SbankenAgreements/acme/agreement/CustomerId", CancellationToken.None));
        Assert.Equal("another", await reader.UnprotectAsync(second, "ctx-2", CancellationToken.None));
        Assert.Equal(["POST /keys/bankflow-data/wrapkey?api-version=7.4", "POST /keys/bankflow-data/v1/unwrapkey?api-version=7.4"], vault.Calls);

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await reader.UnprotectAsync(first, "SbankenAgreements/other/agreement/CustomerId", CancellationToken.None));
        Assert.Equal(CustomerId, await reader.UnprotectAsync(CustomerId, "ctx", CancellationToken.None)); // clear, from before
    }

    [Fact]
    public async Task A_stored_key_id_outside_the_configured_vault_is_never_called()
    {
        using var rsa = RSA.Create(2048);
        var vault = new FakeKeyVault(rsa);
        var protector = new KeyVaultFieldProtector(new Uri("https://bankflow-kv.vault.azure.net/keys/bankflow-data"), vault.Pipeline());
        var kid = Convert.ToBase64String(Encoding.UTF8.GetBytes("https://attacker.example/keys/x/1")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var forged = $"bfenc1.kv.{kid}.AAAA.AAAA.AAAA.AAAA";

        await Assert.ThrowsAnyAsync<CryptographicException>(async () => await protector.UnprotectAsync(forged, "ctx", CancellationToken.None));
        Assert.Empty(vault.Calls);
    }

    /// <summary>Key Vault's wrapkey/unwrapkey operations (RSA-OAEP-256) on a local RSA key, behind an Azure.Core pipeline.</summary>
    private sealed class FakeKeyVault(RSA rsa) : HttpMessageHandler
    {
        public List<string> Calls { get; } = [];

        public HttpPipeline Pipeline()
        {
            var options = new Options { Transport = new HttpClientTransport(new HttpClient(this)) };
            options.Retry.MaxRetries = 0;
            return HttpPipelineBuilder.Build(options);
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls.Add($"{request.Method} {request.RequestUri!.PathAndQuery}");
            var body = JsonDocument.Parse(await request.Content!.ReadAsByteArrayAsync(cancellationToken)).RootElement;
            Assert.Equal("RSA-OAEP-256", body.GetProperty("alg").GetString());
            var value = Decode(body.GetProperty("value").GetString()!);
            var path = request.RequestUri.AbsolutePath;
            var result = path.EndsWith("/wrapkey", StringComparison.Ordinal)
                ? rsa.Encrypt(value, RSAEncryptionPadding.OaepSHA256)
                : path.EndsWith("/v1/unwrapkey", StringComparison.Ordinal) ? rsa.Decrypt(value, RSAEncryptionPadding.OaepSHA256) : null;
            if (result is null)
            {
                return new HttpResponseMessage(HttpStatusCode.NotFound);
            }
            var json = JsonSerializer.Serialize(new { kid = "https://bankflow-kv.vault.azure.net/keys/bankflow-data/v1", value = Encode(result) });
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        }

        private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static byte[] Decode(string text)
        {
            var b = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(b.PadRight(b.Length + ((4 - (b.Length % 4)) % 4), '='));
        }

        private sealed class Options : ClientOptions;
    }
}
