using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>The paying company as it appears in the payment file (InitgPty and Dbtr).</summary>
public sealed record Debtor(string Name, OrganisationNumber OrganisationNumber);

/// <summary>
/// Who authorised an accounting-approved (RgB) batch, when, and the BankID signing reference. Bankflow records, it
/// does not sign: the authoriser is the signed-in user the HTTP layer authenticated (the client token's subject),
/// the reference and the signing time come from the caller after the BankID flow, and <see cref="RecordedAt"/> is
/// Bankflow's own clock when it recorded them.
/// </summary>
public sealed record BatchAuthorisation(string AuthorisedBy, DateTimeOffset AuthorisedAt, string BankIdReference)
{
    /// <summary>When Bankflow recorded the authorisation (null for records from before it was kept).</summary>
    public DateTimeOffset? RecordedAt { get; init; }
}

/// <summary>
/// A set of payments that becomes one pain.001 file for one bank: valid as a whole (the builder accepts all
/// or nothing). Immutable: the lifecycle returns changed copies.
/// </summary>
public sealed record PaymentBatch
{
    /// <summary>The batch id, also the pain.001 GrpHdr/MsgId (1–29 characters, so PmtInfId and InstrId fit in 35).</summary>
    public required string BatchId { get; init; }

    public required ClientId ClientId { get; init; }

    public required Debtor Debtor { get; init; }

    public required Bank Bank { get; init; }

    public required ApprovalMode ApprovalMode { get; init; }

    public required IntegrationMode IntegrationMode { get; init; }

    /// <summary>When the batch was created; the pain.001 CreDtTm.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<Payment> Payments { get; init; }

    /// <summary>Set when an RgB batch is authorised; required before it is sent.</summary>
    public BatchAuthorisation? Authorisation { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Post-approval batches are sent flagged: every payment must still be approved in the online bank.</summary>
    public bool RequiresOnlineBankApproval => ApprovalMode == ApprovalMode.PostApproval;

    public Money Total => Payments.Aggregate(Money.Zero, (sum, p) => sum + p.Amount);
}

/// <summary>The payments of one debtor account and execution date: one PmtInf of the pain.001.</summary>
public sealed record PaymentGroup(string PaymentInformationId, AccountNumber DebtorAccount, DateOnly RequestedExecutionDate, IReadOnlyList<Payment> Payments)
{
    public Money Total => Payments.Aggregate(Money.Zero, (sum, p) => sum + p.Amount);
}

public static class PaymentBatchGrouping
{
    /// <summary>
    /// Groups a batch's payments by debtor account and execution date, in order of first appearance; the
    /// groups are lettered "{BatchId}-A", "-B", … "-Z", "-AA" (the PmtInfId, as in the Norwegian MIG samples),
    /// so the same batch always gives the same ids.
    /// </summary>
    public static IReadOnlyList<PaymentGroup> Groups(this PaymentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var order = new List<(AccountNumber Account, DateOnly Date)>();
        var members = new Dictionary<(string, DateOnly), List<Payment>>();
        foreach (var payment in batch.Payments)
        {
            var key = (payment.DebtorAccount.Value, payment.RequestedExecutionDate);
            if (!members.TryGetValue(key, out var list))
            {
                members[key] = list = [];
                order.Add((payment.DebtorAccount, payment.RequestedExecutionDate));
            }
            list.Add(payment);
        }
        return order
            .Select((g, i) => new PaymentGroup($"{batch.BatchId}-{Letters(i + 1)}", g.Account, g.Date, members[(g.Account.Value, g.Date)]))
            .ToList();
    }

    /// <summary>1 → "A", 26 → "Z", 27 → "AA" (bijective base 26); at most "NTO" for 9999 groups.</summary>
    internal static string Letters(int number)
    {
        var letters = new Stack<char>();
        while (number > 0)
        {
            number--;
            letters.Push((char)('A' + (number % 26)));
            number /= 26;
        }
        return new string([.. letters]);
    }
}
