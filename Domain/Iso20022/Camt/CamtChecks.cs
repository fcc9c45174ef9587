using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Common;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>
/// The consistency checks of a camt document beyond its shape (FORMATS.md 3.3): batch totals per entry,
/// KID check digits per transaction, the balance equation per statement.
/// </summary>
public static class CamtChecks
{
    /// <summary>Batch (C3) and KID checks of one entry.</summary>
    public static void CheckEntry(CamtEntry entry, DiagnosticCollector diagnostics)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var details = entry.Transactions;
        var batch = entry.Batch;
        if (batch?.TotalAmount is { } total && total.Currency == entry.Amount.Currency && total.Value != entry.Amount.Value)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "batch total differs from the entry amount")
            {
                Path = batch.Path + "/TtlAmt",
                Line = entry.Line,
                Field = "TtlAmt",
                Expected = entry.Amount.Value.ToString(),
                Found = total.Value.ToString(),
            });
        }
        if (details.Count > 0 && details.All(d => d.Amount is not null))
        {
            if (batch?.NumberOfTransactions is { } count && count != details.Count)
            {
                diagnostics.Add(new Diagnostic(Severity.Warning, $"the batch says {count} transactions but the entry details {details.Count}")
                {
                    Path = batch.Path + "/NbOfTxs",
                    Line = entry.Line,
                    Field = "NbOfTxs",
                    Expected = details.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Found = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
        if (CamtTransactions.CanSplit(entry))
        {
            var sum = Money.Zero;
            foreach (var t in CamtTransactions.Of(entry))
            {
                sum += t.Amount;
            }
            if (sum != entry.SignedAmount)
            {
                diagnostics.Add(new Diagnostic(
                    Severity.Error,
                    $"the transactions sum to {sum} but the entry amount is {entry.SignedAmount} (difference {sum - entry.SignedAmount})")
                {
                    Path = entry.Path + "/Amt",
                    Line = entry.Line,
                    Field = "Amt",
                    Expected = entry.SignedAmount.ToString(),
                    Found = sum.ToString(),
                });
            }
        }
        else if (details.Count > 1)
        {
            diagnostics.Add(new Diagnostic(
                Severity.Warning,
                $"{details.Count} transaction details without amounts in the entry currency {entry.Amount.Currency}: the entry is taken as one lump sum")
            {
                Path = entry.Path + "/NtryDtls",
                Line = entry.Line,
            });
        }
        foreach (var d in details)
        {
            if (CamtKid.From(d.StructuredReference) is { } kid && Kid.Verify(kid) == KidCheck.None)
            {
                diagnostics.Add(new Diagnostic(Severity.Warning, "KID fails both the MOD10 and the MOD11 check digit")
                {
                    Path = d.Path + "/RmtInf/Strd/CdtrRefInf/Ref",
                    Line = d.Line,
                    Field = "Ref",
                    Expected = "a KID with a valid MOD10 or MOD11 check digit",
                    Found = kid,
                });
            }
        }
    }

    /// <summary>C1: opening (OPBD, else PRCD) + booked credits − booked debits = closing (CLBD), as a warning giving the difference.</summary>
    public static void CheckBalances(CamtStatement statement, CamtStatementTotals totals, bool isStatement, DiagnosticCollector diagnostics)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (!isStatement)
        {
            return;
        }
        var opening = statement.Opening;
        var closing = statement.Closing;
        if (opening is null || closing is null)
        {
            diagnostics.Add(new Diagnostic(Severity.Warning, "the statement lacks an opening (OPBD or PRCD) or closing (CLBD) balance, so the balances cannot be checked")
            {
                Path = statement.Path,
                Line = statement.Line,
                Expected = "OPBD or PRCD, and CLBD",
            });
            return;
        }
        if (opening.Currency != closing.Currency)
        {
            diagnostics.Add(new Diagnostic(Severity.Warning, "opening and closing balances are in different currencies, so the balances cannot be checked")
            {
                Path = statement.Path + "/Bal",
                Line = statement.Line,
                Expected = opening.Currency,
                Found = closing.Currency,
            });
            return;
        }
        var expected = opening.Amount + new Money(totals.BookedCredits) - new Money(totals.BookedDebits);
        if (expected != closing.Amount)
        {
            diagnostics.Add(new Diagnostic(
                Severity.Warning,
                $"opening {opening.Type} {opening.Amount} + credits {new Money(totals.BookedCredits)} − debits {new Money(totals.BookedDebits)} = {expected}, but the closing balance CLBD is {closing.Amount} (difference {closing.Amount - expected})")
            {
                Path = statement.Path + "/Bal",
                Line = statement.Line,
                Field = "CLBD",
                Expected = expected.ToString(),
                Found = closing.Amount.ToString(),
            });
        }
    }

    /// <summary>
    /// C2: the bank's TxsSummry against the entries actually in the statement. Warnings: a paginated message
    /// (MsgPgntn) legitimately carries only part of the entries on one page.
    /// </summary>
    public static void CheckSummary(CamtStatement statement, CamtStatementTotals totals, DiagnosticCollector diagnostics)
    {
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(totals);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (statement.Summary is not { } s)
        {
            return;
        }
        void Compare(string path, string what, long? stated, long actual, bool money)
        {
            if (stated is { } value && value != actual)
            {
                diagnostics.Add(new Diagnostic(Severity.Warning, $"the transactions summary gives {what} that differs from the entries")
                {
                    Path = statement.Path + "/TxsSummry/" + path,
                    Line = statement.Line,
                    Field = path[(path.LastIndexOf('/') + 1)..],
                    Expected = money ? new Money(actual).ToString() : actual.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Found = money ? new Money(value).ToString() : value.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
        Compare("TtlNtries/NbOfNtries", "a number of entries", s.Count, totals.EntryCount, money: false);
        Compare("TtlNtries/Sum", "a sum of entries", s.Sum, totals.Credits + totals.Debits, money: true);
        Compare("TtlNtries/TtlNetNtryAmt", "a net amount", s.Net, totals.Credits - totals.Debits, money: true);
        Compare("TtlCdtNtries/NbOfNtries", "a number of credit entries", s.CreditCount, totals.CreditCount, money: false);
        Compare("TtlCdtNtries/Sum", "a sum of credit entries", s.CreditSum, totals.Credits, money: true);
        Compare("TtlDbtNtries/NbOfNtries", "a number of debit entries", s.DebitCount, totals.DebitCount, money: false);
        Compare("TtlDbtNtries/Sum", "a sum of debit entries", s.DebitSum, totals.Debits, money: true);
    }
}
