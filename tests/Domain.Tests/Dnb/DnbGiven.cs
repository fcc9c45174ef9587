using Bankflow.Domain.Dnb;
using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Dnb;

/// <summary>DNB accounts (bank codes 1503 and 1506, DNB's in the Bits register; MOD11 checked) and agreements to order on.</summary>
internal static class DnbGiven
{
    public static readonly AccountNumber[] Accounts =
    [
        AccountNumber.Parse("15032000018"), AccountNumber.Parse("15032000026"), AccountNumber.Parse("15032000034"),
        AccountNumber.Parse("15063000040"), AccountNumber.Parse("15063000059"), AccountNumber.Parse("15063000067"),
        AccountNumber.Parse("15032000077"),
    ];

    public static AccountNumber First => Accounts[0];

    /// <summary>8601 11 17947: Danske Bank's bank code.</summary>
    public static readonly AccountNumber NotDnb = AccountNumber.Parse("86011117947");

    public static readonly LedgerAccount Fee = LedgerAccount.Parse("7770");

    public static readonly KidSetup Kid9Mod10 = KidSetup.Create(9, KidCheck.Mod10);

    /// <summary>A registered account, ready for OCR (KID invoicing on, Nets OCR under incoming payments), no DNB agreement yet.</summary>
    public static BankAgreement Registered(AccountNumber account, int ledger = 1920) => new()
    {
        BankAccount = account,
        Bank = Bank.Dnb,
        PayoutService = PayoutService.BankIntegration,
        FeeLedgerAccount = Fee,
        LedgerAccount = LedgerAccount.Parse(ledger.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        KidInvoicingEnabled = true,
        IncomingServices = IncomingServices.NetsOcr,
        ValidFrom = new DateOnly(2026, 1, 1),
    };

    /// <summary>An account whose DNB agreement is registered, in post-approval.</summary>
    public static BankAgreement RegisteredAtDnb(AccountNumber account) => Registered(account) with
    {
        AvtaleId = "4410087713",
        DnbDivision = new DnbDivision("Bedrift Oslo", "0551"),
    };

    public static DnbOrderLine Line(AccountNumber account, DnbServices services = DnbServices.Remittance | DnbServices.Reconciliation, bool rgb = false) =>
        new(account, services, rgb);

    public static DnbOrderRequest Order(params DnbOrderLine[] lines) => new(lines, Fee, Kid9Mod10);
}
