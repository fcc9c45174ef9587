using Bankflow.Domain.Collection;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Functions.Collection;

public sealed record AddressDocument(string Line1, string? Line2, string Postcode, string City);

public sealed record ContactDocument(string FirstName, string LastName, string Email, string? Phone);

public sealed record AccountsDocument(string Bank, string Customer, string Interest, string Commission, string Fees, string Loss);

/// <summary>A registration as stored and shown (the request's shape, normalised).</summary>
public sealed record RegistrationDocument(string OrganisationNumber, string CompanyName, AddressDocument Address, string BankAccount, bool VatDeduction,
    ContactDocument Contact, AccountsDocument Accounts, bool AgreementConfirmed, DateTimeOffset RegisteredAt)
{
    public static RegistrationDocument From(CollectionRegistration r, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(r);
        var a = r.Accounts;
        return new RegistrationDocument(r.OrganisationNumber.Value, r.CompanyName, new AddressDocument(r.Address.Line1, r.Address.Line2, r.Address.Postcode, r.Address.City),
            r.BankAccount.Value, r.VatDeduction, new ContactDocument(r.Contact.FirstName, r.Contact.LastName, r.Contact.Email, r.Contact.Phone),
            new AccountsDocument(a.Bank.Number, a.Customer.Number, a.Interest.Number, a.Commission.Number, a.Fees.Number, a.Loss.Number), true, at);
    }

    public CollectionAccounts PostingAccounts() => new(LedgerAccount.Parse(Accounts.Bank), LedgerAccount.Parse(Accounts.Customer), LedgerAccount.Parse(Accounts.Interest),
        LedgerAccount.Parse(Accounts.Commission), LedgerAccount.Parse(Accounts.Fees), LedgerAccount.Parse(Accounts.Loss));

    public OrganisationNumber Organisation() => Bankflow.Domain.Values.OrganisationNumber.Parse(OrganisationNumber);
}
