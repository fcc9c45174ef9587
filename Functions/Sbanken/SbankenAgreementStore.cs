using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Security;

namespace Bankflow.Functions.Sbanken;

/// <summary>A client's stored Sbanken agreement with the customer it reads data for.</summary>
public sealed record StoredSbankenAgreement(ClientId Client, string CustomerId, SbankenAgreement Agreement, int Version, DateTimeOffset UpdatedAt)
{
    internal Azure.ETag ETag { get; init; }
}

/// <summary>Another completion saved the client's agreement between our read and our write; nothing of ours was saved.</summary>
public sealed class AgreementChangedException(string message) : Exception(message);

/// <summary>
/// The SbankenAgreements table: ONE entity per client (PartitionKey client id, RowKey <c>agreement</c>)
/// holding the whole agreement as JSON. Saving is one entity write, so a changed onboarding is applied as a
/// whole or not at all — no reader can see half of it. The morning fan-out lists every client's row.
/// <c>CustomerId</c> (the user's national identity number in the real API) is stored encrypted
/// (<see cref="IFieldProtector"/>); a row written in clear before is read as it is and encrypted when next saved
/// or by <see cref="ProtectClearCustomerIdsAsync"/>.
/// </summary>
public sealed class SbankenAgreementStore(BankflowStorage storage, IFieldProtector protector)
{
    public const string RowKey = "agreement";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private TableClient Table => storage.Table(StorageNames.SbankenAgreementsTable);

    public async Task<StoredSbankenAgreement?> GetAsync(ClientId client, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(client.Value, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? await FromEntityAsync(client, response.Value!, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>
    /// Replaces the client's agreement as a whole; returns the new version number. Conditional on the version
    /// read (insert when there was none, If-Match its ETag otherwise): of two completions racing, one wins and
    /// the other gets <see cref="AgreementChangedException"/> — never a mix, never a silently lost change.
    /// </summary>
    public async Task<int> SaveAsync(ClientId client, string customerId, SbankenAgreement agreement, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await GetAsync(client, cancellationToken).ConfigureAwait(false);
        var version = (current?.Version ?? 0) + 1;
        var entity = new TableEntity(client.Value, RowKey)
        {
            ["CustomerId"] = await protector.ProtectAsync(customerId, Context(client), cancellationToken).ConfigureAwait(false),
            ["Version"] = version,
            ["UpdatedAt"] = now,
            ["Agreement"] = JsonSerializer.Serialize(ToStored(agreement), Json),
        };
        try
        {
            if (current is null)
            {
                await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Table.UpdateEntityAsync(entity, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            throw new AgreementChangedException($"the Sbanken agreement of {client} was changed by another completion meanwhile");
        }
        return version;
    }

    /// <summary>Every client's agreement (the morning fan-out). A row that cannot be read is skipped, not fatal for the others.</summary>
    public async Task<IReadOnlyList<StoredSbankenAgreement>> ListAllAsync(CancellationToken cancellationToken)
    {
        var list = new List<StoredSbankenAgreement>();
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RowKey}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (!ClientId.TryParse(entity.PartitionKey, out var client, out _))
            {
                continue;
            }
            try
            {
                list.Add(await FromEntityAsync(client!, entity, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or InvalidDataException or FormatException or ArgumentException)
            {
                // This client's row cannot be read (another key, a damaged value): its fetch cannot run either.
            }
        }
        return list;
    }

    /// <summary>
    /// Encrypts the customer ids still stored in clear (rows written before encryption), each with a conditional
    /// merge on the row's ETag so a completion saved meanwhile is never overwritten. Returns how many were encrypted.
    /// </summary>
    public async Task<int> ProtectClearCustomerIdsAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        var filter = TableClient.CreateQueryFilter($"RowKey eq {RowKey}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey", "CustomerId"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (entity.GetString("CustomerId") is not { Length: > 0 } clear || FieldCipher.IsProtected(clear) || !ClientId.TryParse(entity.PartitionKey, out var client, out _))
            {
                continue;
            }
            var update = new TableEntity(entity.PartitionKey, entity.RowKey) { ["CustomerId"] = await protector.ProtectAsync(clear, Context(client!), cancellationToken).ConfigureAwait(false) };
            try
            {
                await Table.UpdateEntityAsync(update, entity.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
                done++;
            }
            catch (Azure.RequestFailedException ex) when (ex.Status == 412)
            {
                // Saved meanwhile, and so encrypted by that save.
            }
        }
        return done;
    }

    /// <summary>Where the customer id lives: bound to its ciphertext, so it cannot be copied to another client's row.</summary>
    private static string Context(ClientId client) => $"{StorageNames.SbankenAgreementsTable}/{client.Value}/{RowKey}/CustomerId";

    private async Task<StoredSbankenAgreement> FromEntityAsync(ClientId client, TableEntity e, CancellationToken cancellationToken)
    {
        var stored = JsonSerializer.Deserialize<StoredAgreement>(e.GetString("Agreement") ?? "{}", Json)
                     ?? throw new InvalidDataException($"Sbanken agreement of {client} is empty");
        var customerId = await protector.UnprotectAsync(e.GetString("CustomerId") ?? "", Context(client), cancellationToken).ConfigureAwait(false);
        return new StoredSbankenAgreement(client, customerId, FromStored(stored), e.GetInt32("Version") ?? 1, e.GetDateTimeOffset("UpdatedAt") ?? DateTimeOffset.MinValue)
        {
            ETag = e.ETag,
        };
    }

    private static StoredAgreement ToStored(SbankenAgreement a) => new(
        Day(a.ConversionDate),
        a.Accounts.Select(x => new StoredAccount(x.AccountId, x.Number.Value, x.Name, x.Ledger.Number, x.Services.ToString(), x.FeeLedger.Number,
            x.ReconciliationStartDate is { } d ? Day(d) : null, x.ErpBalance?.Ore)).ToList(),
        a.SalaryAccount.Value, a.OperatingAccount.Value, a.TaxWithholdingAccount.Value);

    private static SbankenAgreement FromStored(StoredAgreement s) => new(
        ParseDay(s.ConversionDate),
        s.Accounts.Select(x => new ActiveAccount(x.AccountId, AccountNumber.Parse(x.AccountNumber), x.Name, LedgerAccount.Parse(x.Ledger),
            Enum.Parse<SbankenServices>(x.Services), LedgerAccount.Parse(x.FeeLedger),
            x.ReconciliationStartDate is { } d ? ParseDay(d) : null, x.ErpBalanceOre is { } ore ? new Money(ore) : null)).ToList(),
        AccountNumber.Parse(s.SalaryAccount), AccountNumber.Parse(s.OperatingAccount), AccountNumber.Parse(s.TaxWithholdingAccount));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDay(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record StoredAgreement(string ConversionDate, List<StoredAccount> Accounts, string SalaryAccount, string OperatingAccount, string TaxWithholdingAccount);

    private sealed record StoredAccount(string AccountId, string AccountNumber, string Name, string Ledger, string Services, string FeeLedger, string? ReconciliationStartDate, long? ErpBalanceOre);
}
