using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Testing.Reconciliation;

/// <summary>What a generated bank entry really is.</summary>
public enum TruthKind
{
    /// <summary>A customer paying <see cref="Truth.InvoiceIds"/>.</summary>
    CustomerPayment,

    /// <summary>Money in that pays no open item (rent, a refund, someone else's money).</summary>
    NotAnInvoice,

    Fee,
    OwnPayment,

    /// <summary>A lump sum whose payments are itemised in the same month (never to be matched itself).</summary>
    LumpSum,
}

/// <param name="Scenario">How the generator made it ("kid-full", "text-typo", "twins", …), for reading a failure.</param>
public sealed record Truth(TruthKind Kind, IReadOnlyList<string> InvoiceIds, string Scenario);

/// <summary>A generated month of a client's books and bank, with the truth about every entry.</summary>
public sealed record GeneratedMonth(
    ClientId Client,
    IReadOnlyList<OpenItem> Items,
    IReadOnlyList<BankEntry> Entries,
    IReadOnlyList<KnownPayerAccount> PayerAccounts,
    IReadOnlyList<OwnPayment> OwnPayments,
    KidCustomerPrefix KidPrefix,
    IReadOnlyDictionary<string, Truth> Truth)
{
    public ReconciliationInput Input() => Input(Items, BankMovements.From(Entries));

    public ReconciliationInput Input(IReadOnlyList<OpenItem> items, IReadOnlyList<BankMovement> movements) =>
        new(Client, items, movements)
        {
            PayerAccounts = PayerAccounts,
            OwnPayments = OwnPayments,
            KidCustomerPrefix = KidPrefix,
        };

    /// <summary>Compares a result with the truth.</summary>
    public MonthScore Score(ReconciliationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var wrong = new List<string>();
        var byScenario = new SortedDictionary<string, (int Matched, int Total)>(StringComparer.Ordinal);
        foreach (var outcome in result.Entries)
        {
            var truth = Truth[outcome.Movement.EntryId];
            var (m, t) = byScenario.GetValueOrDefault(truth.Scenario);
            byScenario[truth.Scenario] = (m + (outcome.Status == EntryStatus.Matched ? 1 : 0), t + 1);
            if (outcome.Match is not { } match)
            {
                continue;
            }
            var right = match.Rule switch
            {
                MatchRule.BankFee => truth.Kind == TruthKind.Fee,
                MatchRule.OwnPayment => truth.Kind == TruthKind.OwnPayment,
                _ => truth.Kind == TruthKind.CustomerPayment
                    && match.Allocations.Select(a => a.Item.InvoiceId).Order(StringComparer.Ordinal).SequenceEqual(truth.InvoiceIds.Order(StringComparer.Ordinal)),
            };
            if (!right)
            {
                wrong.Add($"{outcome.Movement.EntryId} ({truth.Scenario}: {string.Join(",", truth.InvoiceIds)}) matched by {match.Rule}: {match.Explanation}");
            }
        }
        var summary = result.Summary;
        return new MonthScore(summary.Entries, summary.Matched, summary.Unmatched, summary.Ignored, summary.AutomationRate, wrong, byScenario);
    }
}

/// <param name="Wrong">Matches that disagree with the truth: must be none.</param>
/// <param name="ByScenario">Per scenario: entries matched and entries in all.</param>
public sealed record MonthScore(
    int Entries,
    int Matched,
    int Unmatched,
    int Ignored,
    double AutomationRate,
    IReadOnlyList<string> Wrong,
    IReadOnlyDictionary<string, (int Matched, int Total)> ByScenario);
