using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// A money-in movement still to match, with what the rules learn about it on the way (read once, kept across passes):
/// whether its KID is valid, its references, its payer.
/// </summary>
internal sealed class PendingPayment(BankMovement movement)
{
    private bool _referencesRead;
    private ReferenceGroup? _references;
    private Payer? _payer;
    private Payer? _payerWithKidPrefix;
    private bool? _kidValid;

    public BankMovement Movement { get; } = movement;

    /// <summary>The refusal (or the notes) of the latest pass, for the unmatched explanation.</summary>
    public Verdict? Refusal { get; set; }

    public List<string>? Notes { get; set; }

    /// <summary>Set when a rule refused in the current pass: no weaker rule looks at it again in that pass.</summary>
    public bool StoppedThisPass { get; set; }

    public bool HasValidKid => _kidValid ??= Movement.Kid is { } kid && Kid.IsWellFormed(kid, out _) && Kid.Verify(kid) != KidCheck.None;

    public ReferenceGroup? References
    {
        get
        {
            if (!_referencesRead)
            {
                _references = PaymentReferences.Find(Movement);
                _referencesRead = true;
            }
            return _references;
        }
    }

    /// <summary>The payer by counterparty account and name (rules 2 and 4).</summary>
    public Payer Payer(MatchContext context) => _payer ??= context.Payers.Of(Movement, context.Book, kidPrefix: null);

    /// <summary>The payer by counterparty account, name and the client's KID prefix rule (rule 3).</summary>
    public Payer PayerWithKidPrefix(MatchContext context) =>
        context.KidPrefix is null ? Payer(context) : _payerWithKidPrefix ??= context.Payers.Of(Movement, context.Book, context.KidPrefix, HasValidKid);

    public void AddNote(string note) => (Notes ??= []).Add(note);
}
