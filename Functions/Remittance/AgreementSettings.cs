using Azure;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;
using Bankflow.Functions.Infrastructure;

namespace Bankflow.Functions.Remittance;

/// <summary>What a PUT of agreement settings came to.</summary>
public sealed record AgreementSaveResult(StoredAgreement? Saved, IReadOnlyList<FieldIssue> Errors, IReadOnlyList<FieldIssue> Notifications, bool PreconditionFailed)
{
    public bool IsSaved => Saved is not null;
}

/// <summary>
/// Saves a bank account's agreement settings only when they break no rule: the domain rules
/// (<see cref="BankAgreementValidator"/>) against the client's other bank accounts, and one more of its own:
/// every agreement of a client names the same company (organisation number), because one client is one company.
/// The rule that a ledger account is on one bank account only is also enforced by <see cref="AgreementStore"/>'s
/// ledger index, so two saves racing cannot both pass it.
/// </summary>
public sealed class AgreementSettings(AgreementStore store)
{
    /// <summary>Saves on an If-Match ETag (null: unconditionally; <see cref="ETag.All"/>: only over an existing row).</summary>
    public Task<AgreementSaveResult> SaveAsync(StoredAgreement proposed, ETag? ifMatch, CancellationToken cancellationToken) =>
        SaveAsync(proposed, WritePrecondition.FromIfMatch(ifMatch), cancellationToken);

    public async Task<AgreementSaveResult> SaveAsync(StoredAgreement proposed, WritePrecondition precondition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var all = await store.ListAsync(proposed.Client, cancellationToken).ConfigureAwait(false);
        var others = all.Where(a => a.Agreement.BankAccount != proposed.Agreement.BankAccount).ToList();
        var validation = BankAgreementValidator.Validate(proposed.Agreement, proposed.OrganisationNumber, others.Select(o => o.Agreement).ToList());
        var errors = validation.Errors.ToList();
        if (others.FirstOrDefault(o => o.OrganisationNumber != proposed.OrganisationNumber) is { } differing)
        {
            errors.Add(new FieldIssue("organisationNumber",
                $"bank account {differing.Agreement.BankAccount.Formatted} of this client belongs to organisation number {differing.OrganisationNumber.Value}; "
                + "one client is one company, so every agreement names the same organisation number"));
        }
        if (errors.Count > 0)
        {
            return new AgreementSaveResult(null, errors, validation.Notifications, false);
        }
        try
        {
            var write = await store.SaveAsync(proposed, precondition, cancellationToken).ConfigureAwait(false);
            if (write.LedgerAccountHolder is { } holder)
            {
                // Another bank account got the ledger account after the rules above were checked (or its save was racing this one).
                return new AgreementSaveResult(null, [BankAgreementValidator.LedgerAccountInUse(proposed.Agreement.LedgerAccount!, holder)], validation.Notifications, false);
            }
            return new AgreementSaveResult(proposed with { ETag = write.ETag }, [], validation.Notifications, false);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404 or 409)
        {
            return new AgreementSaveResult(null, [], [], true);
        }
    }
}
