using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Collection;

public sealed record PostalAddress(string Line1, string? Line2, string Postcode, string City);

public sealed record ContactPerson(string FirstName, string LastName, string Email, string? Phone);

/// <summary>
/// The ledger accounts an agency's settlements and a write-off post to (the seed's defaults, NS 4102): bank deposit or
/// interim account 1920, customer ledger 1500, interest income 8055, commission 6790, collection fees (salær) 7790,
/// and loss on receivables 7830 for a write-off.
/// </summary>
public sealed record CollectionAccounts(LedgerAccount Bank, LedgerAccount Customer, LedgerAccount Interest, LedgerAccount Commission, LedgerAccount Fees, LedgerAccount Loss)
{
    public static CollectionAccounts Defaults { get; } = new(LedgerAccount.Parse("1920"), LedgerAccount.Parse("1500"), LedgerAccount.Parse("8055"),
        LedgerAccount.Parse("6790"), LedgerAccount.Parse("7790"), LedgerAccount.Parse("7830"));
}

/// <summary>
/// A client company registered for debt collection: what the agency needs to take it on as a creditor (the seed's
/// registration form) and the accounts settlements post to. The person registering confirms the agreement.
/// </summary>
public sealed record CollectionRegistration(
    OrganisationNumber OrganisationNumber,
    string CompanyName,
    PostalAddress Address,
    AccountNumber BankAccount,
    bool VatDeduction,
    ContactPerson Contact,
    CollectionAccounts Accounts);

/// <summary>The registration form as sent: text as typed, null for what was left out.</summary>
public sealed record RegistrationForm(
    string? OrganisationNumber,
    string? CompanyName,
    string? AddressLine1,
    string? AddressLine2,
    string? Postcode,
    string? City,
    string? BankAccount,
    bool? VatDeduction,
    string? ContactFirstName,
    string? ContactLastName,
    string? ContactEmail,
    string? ContactPhone,
    IReadOnlyDictionary<string, string?>? Accounts,
    bool? AgreementConfirmed);
