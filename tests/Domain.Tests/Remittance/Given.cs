using Bankflow.Domain.Remittance;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Remittance;

/// <summary>Hand-checked test data: every account number here passes MOD11 (checked in IbanTests/AccountNumber use).</summary>
internal static class Given
{
    /// <summary>974 760 673 — the worked example of FORMATS.md §2.4.</summary>
    public static readonly OrganisationNumber Org = OrganisationNumber.Parse("974760673");

    /// <summary>8601 11 17947 — the worked example of FORMATS.md §2.3.</summary>
    public static readonly AccountNumber Account = AccountNumber.Parse("86011117947");

    public static readonly AccountNumber OtherAccount = AccountNumber.Parse("15032080119");

    public static readonly ClientId Client = ClientId.Parse("eksempel-regnskap");

    /// <summary>Thursday 23 May 2024; the next day, Friday 24 May, is a banking day.</summary>
    public static readonly DateOnly Today = new(2024, 5, 23);

    public static readonly DateOnly Tomorrow = new(2024, 5, 24);

    public static readonly DateTimeOffset CreatedAt = new(2024, 5, 23, 15, 2, 11, TimeSpan.FromHours(2));

    public static BankAgreement DnbAgreement(AccountNumber? account = null, ApprovalMode mode = ApprovalMode.PostApproval, string ledger = "1920") => new()
    {
        BankAccount = account ?? Account,
        Bank = Bank.Dnb,
        IntegrationMode = IntegrationMode.Direct,
        PayoutService = PayoutService.BankIntegration,
        AvtaleId = "DNB-778812",
        DnbDivision = new DnbDivision("Eksempel Regnskap", "01"),
        FeeLedgerAccount = LedgerAccount.Parse("7770"),
        LedgerAccount = LedgerAccount.Parse(ledger),
        ApprovalMode = mode,
        ValidFrom = new DateOnly(2023, 1, 1),
    };

    public static BankAgreement HandelsbankenAgreement(DateOnly validFrom, ApprovalMode mode = ApprovalMode.PostApproval) => new()
    {
        BankAccount = Account,
        Bank = Bank.Handelsbanken,
        PayoutService = PayoutService.BankIntegration,
        AvtaleId = Org.Value,
        FeeLedgerAccount = LedgerAccount.Parse("7770"),
        LedgerAccount = LedgerAccount.Parse("1920"),
        ApprovalMode = mode,
        ValidFrom = validFrom,
    };

    public static PaymentInstruction Kid(string endToEndId, decimal amount, string kid = "0042001008772", string creditorAccount = "78741234563") =>
        new(endToEndId, Account.Value, "Stromleverandor AS", creditorAccount, amount, Tomorrow, Kid: kid);

    public static PaymentInstruction Text(string endToEndId, decimal amount, string text = "Faktura 2024-117 april") =>
        new(endToEndId, Account.Value, "Regnskapsbyraa Vest AS", "97101234502", amount, Tomorrow, Text: text);

    public static PaymentInstruction Invoice(string endToEndId, decimal amount, string invoice = "INV-88812") =>
        new(endToEndId, Account.Value, "Leverandor Nord AS", "12345678903", amount, Tomorrow, InvoiceNumber: invoice);

    public static BatchRequest Request(IReadOnlyList<PaymentInstruction> payments, BankAgreement? agreement = null, string batchId = "PAY-20240523-0001",
        IReadOnlySet<string>? existing = null, DateOnly? today = null) => new()
    {
        ClientId = Client,
        BatchId = batchId,
        Debtor = new Debtor("EKSEMPEL REGNSKAP AS", Org),
        Today = today ?? Today,
        CreatedAt = CreatedAt,
        Agreements = [agreement ?? DnbAgreement()],
        ExistingEndToEndIds = existing ?? new HashSet<string>(),
        Payments = payments,
    };

    /// <summary>The batch behind the synthetic Norwegian pain.001.001.03 sample: KID 4500.00, text 7340.00, invoice 1000.00.</summary>
    public static PaymentBatch SampleBatch(ApprovalMode mode = ApprovalMode.PostApproval)
    {
        var result = PaymentBatchBuilder.Build(Request(
            [Kid("E2E-2024-0001", 4500.00m), Text("E2E-2024-0002", 7340.00m), Invoice("E2E-2024-0003", 1000.00m)],
            DnbAgreement(mode: mode)));
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Batch!;
    }
}
