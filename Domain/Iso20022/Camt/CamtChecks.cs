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
    /// <summary>
    /// Batch (C3) and KID checks of one entry. An entry with a single TxDtls that disagrees with it (amount or
    /// credit/debit) keeps the entry amount with a warning and gives <see cref="EntryCheck.DetailDisagrees"/>;
    /// several TxDtls that do not sum to the entry are an error (which payment is wrong cannot be told).
    /// </summary>
    public static EntryCheck CheckEntry(CamtEntry entry, DiagnosticCollector diagnostics)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var details = entry.Transactions;
        var batch = entry.Batch;
        var result = EntryCheck.Consistent;
        if (batch?.TotalAmount is { } total && total.Currency == entry.Amount.Currency && total.Value != entry.Amount.Value)
        {
            diagnostics.Add(new Diagnostic(Severity.Error, "batch total differs from the entry amount")
            {
                Path = batch.Path + "/TtlAmt",
                Line = entry.Line,
                Column = entry.Column,
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
                    Column = entry.Column,
                    Field = "NbOfTxs",
                    Expected = details.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Found = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        }
        if (details.Count == 1)
        {
            result = CheckSingleDetail(entry, details[0], diagnostics);
        }
        else if (CamtTransactions.CanSplit(entry))
        {
            CheckBatchSum(entry, diagnostics);
        }
        else if (details.Count > 1)
        {
            diagnostics.Add(new Diagnostic(
                Severity.Warning,
                $"{details.Count} transaction details without amounts in the entry currency {entry.Amount.Currency}: the entry is taken as one lump sum")
            {
                Path = entry.Path + "/NtryDtls",
                Line = entry.Line,
                Column = entry.Column,
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
                    Column = d.Column,
                    Field = "Ref",
                    Expected = "a KID with a valid MOD10 or MOD11 check digit",
                    Found = kid,
                });
            }
        }
        return result;
    }

    /// <summary>
    /// One TxDtls describes the whole entry. The entry amount is what was booked (and what the balances are built
    /// from); a detail amount in another currency is only a description of it. A detail in the entry's currency
    /// that disagrees is flagged, naming a credit/debit conflict and a difference the charges explain.
    /// </summary>
    private static EntryCheck CheckSingleDetail(CamtEntry entry, CamtTransactionDetails d, DiagnosticCollector diagnostics)
    {
        if (d.Amount is not { } amount || amount.Currency != entry.Amount.Currency)
        {
            return EntryCheck.Consistent;
        }
        var direction = d.Direction ?? entry.Direction;
        if (direction == entry.Direction && amount.Value == entry.Amount.Value)
        {
            return EntryCheck.Consistent;
        }
        string message;
        string field;
        string expected;
        string found;
        if (direction != entry.Direction)
        {
            field = "CdtDbtInd";
            expected = Code(entry.Direction);
            found = Code(direction);
            message = amount.Value == entry.Amount.Value
                ? $"credit/debit conflict: the entry is {Code(entry.Direction)} but its transaction details say {Code(direction)}; the entry's direction and amount are kept"
                : $"credit/debit conflict: the entry is {Code(entry.Direction)} {entry.Amount.Value} but its transaction details say {Code(direction)} {amount.Value}; the entry's direction and amount are kept";
        }
        else
        {
            field = "Amt";
            expected = entry.Amount.Value.ToString();
            found = amount.Value.ToString();
            var difference = amount.Value - entry.Amount.Value;
            var charges = ChargesOf(entry.Charges, amount.Currency) ?? ChargesOf(d.Charges, amount.Currency);
            var explained = charges is { } c && (c == difference || c == -difference)
                ? $" by {Abs(difference)}, the charges (Chrgs)"
                : $" by {Abs(difference)}";
            message = $"the transaction details give {amount.Value}, the entry {entry.Amount.Value}: they differ{explained}; the entry amount is kept";
        }
        diagnostics.Add(new Diagnostic(Severity.Warning, message)
        {
            Path = d.Path + "/" + field,
            Line = d.Line,
            Column = d.Column,
            Field = field,
            Expected = expected,
            Found = found,
        });
        return EntryCheck.DetailDisagrees;
    }

    /// <summary>Several TxDtls with amounts: they must sum to the entry, or the split cannot be trusted.</summary>
    private static void CheckBatchSum(CamtEntry entry, DiagnosticCollector diagnostics)
    {
        var sum = Money.Zero;
        var conflicts = 0;
        CamtTransactionDetails? firstConflict = null;
        foreach (var d in entry.Transactions)
        {
            var direction = d.Direction ?? entry.Direction;
            sum += d.Amount!.Signed(direction);
            if (direction != entry.Direction)
            {
                conflicts++;
                firstConflict ??= d;
            }
        }
        if (sum == entry.SignedAmount)
        {
            // A batch may net credits and debits: opposite directions that add up are fine.
            return;
        }
        var conflict = firstConflict is null
            ? ""
            : $"credit/debit conflict: {conflicts} of {entry.Transactions.Count} transaction details are {Code(Opposite(entry.Direction))} in a {Code(entry.Direction)} entry (first TxDtls[{firstConflict.Index}]); ";
        diagnostics.Add(new Diagnostic(
            Severity.Error,
            $"{conflict}the transactions sum to {sum} but the entry amount is {entry.SignedAmount} (difference {sum - entry.SignedAmount})")
        {
            Path = firstConflict is null ? entry.Path + "/Amt" : firstConflict.Path + "/CdtDbtInd",
            Line = firstConflict?.Line ?? entry.Line,
            Column = firstConflict?.Column ?? entry.Column,
            Field = firstConflict is null ? "Amt" : "CdtDbtInd",
            Expected = entry.SignedAmount.ToString(),
            Found = sum.ToString(),
        });
    }

    /// <summary>The charges in <paramref name="currency"/>: TtlChrgsAndTaxAmt, else the sum of the records; null when none.</summary>
    private static Money? ChargesOf(CamtCharges? charges, string currency)
    {
        if (charges is null)
        {
            return null;
        }
        if (charges.Total is { } total && total.Currency == currency)
        {
            return total.Value;
        }
        Money? sum = null;
        foreach (var record in charges.Records)
        {
            if (record.Amount.Currency == currency)
            {
                sum = (sum ?? Money.Zero) + record.Amount.Value;
            }
        }
        return sum;
    }

    private static Money Abs(Money value) => value.Ore < 0 ? -value : value;

    private static string Code(CreditDebit direction) => direction == CreditDebit.Credit ? "CRDT" : "DBIT";

    private static CreditDebit Opposite(CreditDebit direction) => direction == CreditDebit.Credit ? CreditDebit.Debit : CreditDebit.Credit;

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
                Column = statement.Column,
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
                Column = statement.Column,
                Expected = opening.Currency,
                Found = closing.Currency,
            });
            return;
        }
        var expected = opening.Amount + new Money(totals.BookedCredits) - new Money(totals.BookedDebits);
        if (expected != closing.Amount && totals.DetailMismatches > 0)
        {
            // The entry amounts were kept over their details on the strength of the balances; they do not add up either.
            diagnostics.Add(new Diagnostic(
                Severity.Error,
                $"the balances do not add up (difference {closing.Amount - expected}) and {totals.DetailMismatches} booked {(totals.DetailMismatches == 1 ? "entry has transaction details that disagree with it" : "entries have transaction details that disagree with them")}: which amounts are right cannot be told")
            {
                Path = statement.Path + "/Bal",
                Line = statement.Line,
                Column = statement.Column,
                Field = "CLBD",
                Expected = expected.ToString(),
                Found = closing.Amount.ToString(),
            });
        }
        if (expected != closing.Amount)
        {
            diagnostics.Add(new Diagnostic(
                Severity.Warning,
                $"opening {opening.Type} {opening.Amount} + credits {new Money(totals.BookedCredits)} − debits {new Money(totals.BookedDebits)} = {expected}, but the closing balance CLBD is {closing.Amount} (difference {closing.Amount - expected})")
            {
                Path = statement.Path + "/Bal",
                Line = statement.Line,
                Column = statement.Column,
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
                    Column = statement.Column,
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

/// <summary>What <see cref="CamtChecks.CheckEntry"/> found beyond its diagnostics.</summary>
public enum EntryCheck
{
    Consistent,

    /// <summary>The entry's single TxDtls disagrees with it; the entry amount is kept (a warning).</summary>
    DetailDisagrees,
}
