using Bankflow.Domain.Collection;

namespace Bankflow.Domain.Tests.Collection;

public sealed class RegistrationValidatorTests
{
    /// <summary>The seed's example: Delante AS, 917757046, account 15038059359.</summary>
    public static RegistrationForm Delante(IReadOnlyDictionary<string, string?>? accounts = null) => new(
        "917757046", "Delante AS", "Smedstusvingen 18", null, "1480", "Slattum", "15038059359", true,
        "Thomas", "Thorsen", "thomas.thorsen@delante.no", "95071642", accounts, true);

    [Fact]
    public void The_seed_form_registers_with_the_default_accounts()
    {
        var (registration, issues) = RegistrationValidator.Validate(Delante());

        Assert.Empty(issues);
        Assert.Equal(("917757046", "15038059359", "1480", "Slattum"), (registration!.OrganisationNumber.Value, registration.BankAccount.Value,
            registration.Address.Postcode, registration.Address.City));
        var a = registration.Accounts;
        Assert.Equal(["1920", "1500", "8055", "6790", "7790", "7830"], new[] { a.Bank, a.Customer, a.Interest, a.Commission, a.Fees, a.Loss }.Select(x => x.Number));
    }

    [Fact]
    public void An_account_given_replaces_its_default_and_the_others_stay()
    {
        var (registration, _) = RegistrationValidator.Validate(Delante(new Dictionary<string, string?> { ["bank"] = "1950", ["fees"] = null }));

        Assert.Equal(("1950", "7790"), (registration!.Accounts.Bank.Number, registration.Accounts.Fees.Number));
    }

    [Fact]
    public void Every_wrong_field_is_named_once_and_nothing_is_returned()
    {
        var form = new RegistrationForm("917757047", " ", "", null, "148", null, "15038059358", null, "Thomas", null, "thomas.delante.no", "95 07 16 42x",
            new Dictionary<string, string?> { ["interest"] = "80", ["bonus"] = "1234" }, false);

        var (registration, issues) = RegistrationValidator.Validate(form);

        Assert.Null(registration);
        Assert.Equal(["accounts.bonus", "accounts.interest", "address.city", "address.line1", "address.postcode", "agreementConfirmed", "bankAccount", "companyName",
            "contact.email", "contact.lastName", "contact.phone", "organisationNumber", "vatDeduction"], issues.Select(i => i.Field).Order(StringComparer.Ordinal));
        Assert.Contains("MOD11", issues.Single(i => i.Field == "organisationNumber").Reason, StringComparison.Ordinal);
        Assert.Contains("MOD11", issues.Single(i => i.Field == "bankAccount").Reason, StringComparison.Ordinal);
        Assert.Contains("4 digits", issues.Single(i => i.Field == "address.postcode").Reason, StringComparison.Ordinal);
        Assert.Contains("4–8 digits", issues.Single(i => i.Field == "accounts.interest").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_optional_phone_and_address_line_two_may_be_left_out()
    {
        var (registration, issues) = RegistrationValidator.Validate(Delante() with { ContactPhone = null, AddressLine2 = "  " });

        Assert.Empty(issues);
        Assert.Equal((null, null), (registration!.Contact.Phone, registration.Address.Line2));
    }
}
