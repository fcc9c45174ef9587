namespace Bankflow.Domain.Remittance;

/// <summary>
/// Where a payment is in its life. Moves only forward: Created → Authorised (RgB only) → Sent → Accepted →
/// Executed, or to Rejected from anywhere before Executed. Values are ordered by that progress.
/// </summary>
public enum PaymentStatus
{
    /// <summary>In a batch, not yet authorised or sent.</summary>
    Created = 0,

    /// <summary>Accounting-approved (RgB) batch authorised in Bankflow with BankID.</summary>
    Authorised = 1,

    /// <summary>The payment file has left Bankflow (written to the outbox or downloaded by the user).</summary>
    Sent = 2,

    /// <summary>The bank accepted the payment (ACCP, ACSP, ACWC, ACWP or implied by a PART report).</summary>
    Accepted = 3,

    /// <summary>The debtor account was debited (ACSC, or a camt.054 debit with the payment's end-to-end id).</summary>
    Executed = 4,

    /// <summary>Not executed; the reason codes say why.</summary>
    Rejected = 5,
}
