using Bankflow.Domain.Sbanken;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Sbanken;

/// <summary>Hand-checked data. 9710 05 12347: weights 5,4,3,2,7,6,5,4,3,2 give 136, 136 mod 11 = 4, check 11 − 4 = 7.</summary>
internal static class SbankenGiven
{
    public const string Operating = "97100512347";
    public const string Salary = "97100523454";
    public const string Tax = "97100534561";
    public const string NotOffered = "97100545679";

    public static readonly DateOnly Today = new(2026, 11, 22);

    public static readonly IReadOnlyList<OfferedAccount> Offered =
    [
        new("acc-op", Operating, "Drift", "Standard account", Money.FromKroner(120_000.00m), Money.FromKroner(118_000.00m)),
        new("acc-sal", Salary, "Lønn", "Standard account", Money.FromKroner(50_000.00m), Money.FromKroner(50_000.00m)),
        new("acc-tax", Tax, "Skattetrekk", "Tax deduction account", Money.FromKroner(8_000.00m), Money.FromKroner(8_000.00m)),
    ];

    public static AccountChoice Choice(string number, string ledger, string services = "both", string? start = "2026-11-01", string fee = "7770", bool activate = true, string? erp = null) =>
        new(number, activate, ledger, services, fee, services == "remittance" ? null : start, erp);

    public static CompletionRequest Request(params AccountChoice[] choices) =>
        new("2026-01-01", choices, Operating, Operating, Tax);

    public static CompletionRequest Valid() => Request(
        Choice(Operating, "1920"),
        Choice(Salary, "1921", "remittance"),
        Choice(Tax, "1950", "reconciliation"));

    public static SbankenTransaction Line(string date, decimal kroner, string text, string? other = null, bool reservation = false) =>
        new(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Money.FromKroner(kroner), text, reservation) { OtherAccountNumber = other };
}
