using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Tests.Reconciliation;

/// <summary>Small builders for reconciliation tests: items of customer "Fjord AS" (C1) and "Berg Bakeri AS" (C2).</summary>
internal static class Given
{
    public static readonly ClientId Client = ClientId.Parse("recon-test");

    public const string Account = "12345678903";

    public static readonly DateOnly Day = new(2026, 3, 10);

    public static string Kid(string body) => Domain.Values.Kid.WithCheckDigit(body, KidCheck.Mod10);

    public static OpenItem Item(string number, long ore, string customer = "C1", string? kid = null, string currency = "NOK", string? name = null) =>
        new(Client, $"inv-{number}", customer, name ?? CustomerName(customer), number, kid, new Money(ore), currency, Day.AddDays(-30), Day.AddDays(-16));

    public static string CustomerName(string customer) => customer switch
    {
        "C1" => "Fjord AS",
        "C2" => "Berg Bakeri AS",
        "C3" => "Nord Elektro AS",
        _ => $"Customer {customer}",
    };

    public static BankMovement Payment(string id, long ore, string? kid = null, string? text = null, string? from = null, string? name = null, DateOnly? day = null, string currency = "NOK") =>
        new(id, kid is null ? BankChannel.Camt054 : BankChannel.OcrGiro, Account, day ?? Day, new Money(ore), currency)
        {
            Kid = kid,
            Text = text,
            CounterpartyAccount = from,
            CounterpartyName = name,
        };

    public static ReconciliationResult Run(IReadOnlyList<OpenItem> items, IReadOnlyList<BankMovement> movements, Func<ReconciliationInput, ReconciliationInput>? with = null)
    {
        var input = new ReconciliationInput(Client, items, movements);
        return Reconciler.Run(with is null ? input : with(input));
    }

    public static EntryOutcome Outcome(this ReconciliationResult result, string entryId) => result.Entries.Single(e => e.Movement.EntryId == entryId);

    public static ItemSettlement Settlement(this ReconciliationResult result, string invoiceId) => result.Items.Single(i => i.Item.InvoiceId == invoiceId);

    /// <summary>A result as plain text: what every entry became, with allocations; for comparing runs.</summary>
    public static string Fingerprint(this ReconciliationResult result) =>
        string.Join('\n', result.Entries
            .OrderBy(e => e.Movement.EntryId, StringComparer.Ordinal)
            .Select(e => $"{e.Movement.EntryId} {e.Status} {e.Match?.Rule} [{string.Join(",", e.Match?.Allocations.Select(a => $"{a.Item.InvoiceId}:{a.Amount.Ore}:{a.RemainingAfter.Ore}") ?? [])}] +{e.Match?.Unapplied.Ore} {e.Explanation} | {string.Join(" / ", e.Candidates.Select(c => string.Join("+", c.Items.Select(i => i.InvoiceId)) + ":" + c.WhyNotCertain))}"));
}
