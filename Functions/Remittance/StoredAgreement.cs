using Azure;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// A bank account's agreement as stored: the domain settings plus the company that holds the agreement with
/// the bank (its organisation number is Handelsbanken's AvtaleID and the payment file's debtor), the pain.001
/// version the bank wants, and the row's ETag for optimistic concurrency.
/// </summary>
public sealed record StoredAgreement(
    ClientId Client,
    BankAgreement Agreement,
    OrganisationNumber OrganisationNumber,
    string CompanyName,
    Pain001Version PainVersion,
    DateTimeOffset UpdatedAt)
{
    public ETag ETag { get; init; }

    public Debtor Debtor => new(CompanyName, OrganisationNumber);
}
