using Bankflow.Domain.Reconciliation.References;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation.Engine;

/// <summary>
/// A money-in movement still to match, with what the rules learn about it on the way (read once, kept across
/// rounds): whether its KID is valid, its references, its payer. Small on purpose: one is made per payment.
/// </summary>
internal sealed class PendingPayment(BankMovement movement)
{
    private const byte Unknown = 0;
    private const byte Yes = 1;
    private const byte No = 2;

    private byte _kidValid;
    private bool _referencesRead;
    private ReferenceGroup? _references;
    private Payer? _payer;
    private Payer? _payerWithKidPrefix;

    public BankMovement Movement { get; } = movement;

    /// <summary>What the explaining look found (set only for payments left unmatched).</summary>
    public Explanation? Explained { get; set; }

    public bool HasValidKid
    {
        get
        {
            if (_kidValid == Unknown)
            {
                _kidValid = Movement.Kid is { } kid && Kid.IsWellFormed(kid, out _) && Kid.Verify(kid) != KidCheck.None ? Yes : No;
            }
            return _kidValid == Yes;
        }
    }

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

    /// <summary>Reads what the rules will ask for (the book's indexes must be built).</summary>
    public PendingPayment Prepare(MatchContext context)
    {
        _ = HasValidKid;
        _ = References;
        Payer(context);
        PayerWithKidPrefix(context);
        return this;
    }

    /// <summary>The payer by counterparty account and name (rules 2 and 4).</summary>
    public Payer Payer(MatchContext context) => _payer ??= context.Payers.Of(Movement, context.Book, kidPrefix: null);

    /// <summary>The payer by counterparty account, name and the client's KID prefix rule (rule 3).</summary>
    public Payer PayerWithKidPrefix(MatchContext context) =>
        context.KidPrefix is null ? Payer(context) : _payerWithKidPrefix ??= context.Payers.Of(Movement, context.Book, context.KidPrefix, HasValidKid);

    /// <summary>The refusal and the notes of the explaining look at an unmatched payment.</summary>
    internal sealed class Explanation
    {
        public string? Refusal { get; set; }

        public IReadOnlyList<Candidate> Candidates { get; set; } = [];

        public List<string> Notes { get; } = [];
    }
}
