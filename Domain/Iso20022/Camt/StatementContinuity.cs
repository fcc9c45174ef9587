using System.Globalization;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>What the continuity check needs of one statement.</summary>
/// <param name="Opening">OPBD, else PRCD.</param>
/// <param name="Closing">CLBD.</param>
/// <param name="Date">The date the statement closes (CLBD date, else the opening date); orders statements without sequence numbers.</param>
public sealed record StatementSnapshot(string Account, string StatementId, long? SequenceNumber, DateOnly? Date, Money? Opening, Money? Closing, string? Currency)
{
    public static StatementSnapshot From(CamtStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var opening = statement.Opening;
        var closing = statement.Closing;
        return new StatementSnapshot(
            statement.Account.Normalised ?? "",
            statement.Id,
            statement.ElectronicSequenceNumber,
            closing?.Date ?? opening?.Date,
            opening?.Amount,
            closing?.Amount,
            statement.Currency);
    }
}

public enum ContinuityBreak
{
    /// <summary>The next statement opens with another amount than the previous one closed with.</summary>
    BalanceMismatch,

    /// <summary>Electronic sequence numbers skip one or more statements.</summary>
    SequenceGap,

    /// <summary>The same sequence number twice (a re-sent or corrected statement).</summary>
    SequenceRepeated,
}

/// <summary>A break between two consecutive statements of one account; the lead turns it into a notification.</summary>
public sealed record ContinuityFinding(ContinuityBreak Kind, string Account, string PreviousStatementId, string NextStatementId, string Expected, string Found, string Message);

/// <summary>
/// Checks that consecutive statements of an account join up: previous closing (CLBD) = next opening (OPBD/PRCD),
/// and no gap in ElctrncSeqNb. Pure; the caller supplies the statements (e.g. the last stored one and the new ones).
/// </summary>
public static class StatementContinuity
{
    /// <summary>
    /// Groups by account and orders by sequence number (when every statement of the account has one), else by
    /// date and id, then compares each statement with the one before it.
    /// </summary>
    public static IReadOnlyList<ContinuityFinding> Check(IEnumerable<StatementSnapshot> statements)
    {
        ArgumentNullException.ThrowIfNull(statements);
        var findings = new List<ContinuityFinding>();
        foreach (var account in statements.GroupBy(s => s.Account, StringComparer.Ordinal))
        {
            var list = account.ToList();
            var ordered = list.All(s => s.SequenceNumber is not null)
                ? list.OrderBy(s => s.SequenceNumber).ThenBy(s => s.Date).ThenBy(s => s.StatementId, StringComparer.Ordinal)
                : list.OrderBy(s => s.Date).ThenBy(s => s.SequenceNumber).ThenBy(s => s.StatementId, StringComparer.Ordinal);
            StatementSnapshot? previous = null;
            foreach (var next in ordered)
            {
                if (previous is not null)
                {
                    findings.AddRange(Check(previous, next));
                }
                previous = next;
            }
        }
        return findings;
    }

    /// <summary>Compares one statement with the one that should come right before it.</summary>
    public static IReadOnlyList<ContinuityFinding> Check(StatementSnapshot previous, StatementSnapshot next)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(next);
        var findings = new List<ContinuityFinding>(2);
        if (previous.SequenceNumber is { } p && next.SequenceNumber is { } n)
        {
            if (n == p)
            {
                findings.Add(new ContinuityFinding(
                    ContinuityBreak.SequenceRepeated, next.Account, previous.StatementId, next.StatementId,
                    Text(p + 1), Text(n),
                    $"statements {previous.StatementId} and {next.StatementId} of account {next.Account} have the same sequence number {Text(n)}"));
            }
            else if (n != p + 1)
            {
                findings.Add(new ContinuityFinding(
                    ContinuityBreak.SequenceGap, next.Account, previous.StatementId, next.StatementId,
                    Text(p + 1), Text(n),
                    n > p + 1
                        ? $"account {next.Account}: {Text(n - p - 1)} statement(s) missing between sequence numbers {Text(p)} and {Text(n)}"
                        : $"account {next.Account}: sequence number {Text(n)} follows {Text(p)}"));
            }
        }
        if (previous.Closing is { } closing && next.Opening is { } opening && closing != opening
            && (previous.Currency is null || next.Currency is null || previous.Currency == next.Currency))
        {
            findings.Add(new ContinuityFinding(
                ContinuityBreak.BalanceMismatch, next.Account, previous.StatementId, next.StatementId,
                closing.ToString(), opening.ToString(),
                $"account {next.Account}: statement {next.StatementId} opens with {opening} but {previous.StatementId} closed with {closing} (difference {opening - closing})"));
        }
        return findings;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
