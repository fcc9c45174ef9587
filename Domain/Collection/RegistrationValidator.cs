using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Collection;

/// <summary>
/// Checks a registration form: one <see cref="FieldIssue"/> per wrong field (JSON names: <c>organisationNumber</c>,
/// <c>address.postcode</c>, <c>contact.email</c>, <c>accounts.interest</c>, …), or the registration when all are right.
/// </summary>
public static class RegistrationValidator
{
    /// <summary>The account fields and their defaults when left out.</summary>
    public static readonly IReadOnlyList<string> AccountFields = ["bank", "customer", "interest", "commission", "fees", "loss"];

    private const int MaxText = 100;

    public static (CollectionRegistration? Registration, IReadOnlyList<FieldIssue> Issues) Validate(RegistrationForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var issues = new List<FieldIssue>();
        OrganisationNumber? org = null;
        if (!OrganisationNumber.TryParse(form.OrganisationNumber, out org, out var orgError))
        {
            issues.Add(new FieldIssue("organisationNumber", orgError!));
        }
        var name = Text(form.CompanyName, "companyName", required: true, issues);
        var line1 = Text(form.AddressLine1, "address.line1", required: true, issues);
        var line2 = Text(form.AddressLine2, "address.line2", required: false, issues);
        var postcode = form.Postcode?.Trim();
        if (string.IsNullOrEmpty(postcode))
        {
            issues.Add(new FieldIssue("address.postcode", "is required"));
        }
        else if (postcode.Length != 4 || !postcode.All(char.IsAsciiDigit))
        {
            issues.Add(new FieldIssue("address.postcode", $"must be 4 digits, found '{Cut(postcode)}'"));
        }
        var city = Text(form.City, "address.city", required: true, issues);
        AccountNumber? bank = null;
        if (!AccountNumber.TryParse(form.BankAccount, out bank, out var bankError))
        {
            issues.Add(new FieldIssue("bankAccount", bankError!));
        }
        if (form.VatDeduction is null)
        {
            issues.Add(new FieldIssue("vatDeduction", "is required: true when the company may deduct VAT, else false"));
        }
        var first = Text(form.ContactFirstName, "contact.firstName", required: true, issues);
        var last = Text(form.ContactLastName, "contact.lastName", required: true, issues);
        var email = Text(form.ContactEmail, "contact.email", required: true, issues);
        if (email is not null && !LooksLikeEmail(email))
        {
            issues.Add(new FieldIssue("contact.email", "is not an e-mail address (name@domain.tld)"));
        }
        var phone = form.ContactPhone?.Trim();
        if (!string.IsNullOrEmpty(phone) && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or ' ')))
        {
            issues.Add(new FieldIssue("contact.phone", "may hold only digits, spaces and a leading +, at most 20 characters"));
        }
        var accounts = Accounts(form.Accounts, issues);
        if (form.AgreementConfirmed != true)
        {
            issues.Add(new FieldIssue("agreementConfirmed", "must be true: the person registering confirms the information and accepts the agency's agreement"));
        }
        if (issues.Count > 0)
        {
            return (null, issues);
        }
        return (new CollectionRegistration(org!, name!, new PostalAddress(line1!, line2, postcode!, city!), bank!, form.VatDeduction!.Value,
            new ContactPerson(first!, last!, email!, string.IsNullOrEmpty(phone) ? null : phone), accounts!), issues);
    }

    private static CollectionAccounts? Accounts(IReadOnlyDictionary<string, string?>? given, List<FieldIssue> issues)
    {
        var defaults = CollectionAccounts.Defaults;
        var parsed = new Dictionary<string, LedgerAccount>(StringComparer.Ordinal)
        {
            ["bank"] = defaults.Bank, ["customer"] = defaults.Customer, ["interest"] = defaults.Interest,
            ["commission"] = defaults.Commission, ["fees"] = defaults.Fees, ["loss"] = defaults.Loss,
        };
        var ok = true;
        foreach (var (field, text) in given ?? new Dictionary<string, string?>())
        {
            if (!parsed.ContainsKey(field))
            {
                issues.Add(new FieldIssue($"accounts.{field}", $"is not an account of the registration; use {string.Join(", ", AccountFields)}"));
                ok = false;
                continue;
            }
            if (text is null)
            {
                continue; // left to its default
            }
            if (!LedgerAccount.TryParse(text, out var account, out var error))
            {
                issues.Add(new FieldIssue($"accounts.{field}", error!));
                ok = false;
                continue;
            }
            parsed[field] = account!;
        }
        return ok ? new CollectionAccounts(parsed["bank"], parsed["customer"], parsed["interest"], parsed["commission"], parsed["fees"], parsed["loss"]) : null;
    }

    private static string? Text(string? value, string field, bool required, List<FieldIssue> issues)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            if (required)
            {
                issues.Add(new FieldIssue(field, "is required"));
            }
            return null;
        }
        if (trimmed.Length > MaxText || trimmed.Any(char.IsControl))
        {
            issues.Add(new FieldIssue(field, $"must be at most {MaxText} characters without control characters"));
            return null;
        }
        return trimmed;
    }

    private static bool LooksLikeEmail(string text)
    {
        var at = text.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == text.LastIndexOf('@') && text.IndexOf('.', at) > at + 1 && !text.EndsWith('.') && !text.Contains(' ', StringComparison.Ordinal);
    }

    private static string Cut(string text) => text.Length > 20 ? text[..20] + "…" : text;
}
