using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// Everything one reconciliation run of a client looks at. Order does not matter anywhere: the engine sorts.
/// </summary>
/// <param name="OpenItems">The client's open items, also those already (partly) settled by <see cref="ExistingMatches"/>.</param>
/// <param name="Movements">Bank movements to look at, also those matched before (they keep their match).</param>
public sealed record ReconciliationInput(ClientId Client, IReadOnlyList<OpenItem> OpenItems, IReadOnlyList<BankMovement> Movements)
{
    /// <summary>Matches made by earlier runs (or confirmed by a person): kept as they are; their allocations reduce what is open.</summary>
    public IReadOnlyList<Match> ExistingMatches { get; init; } = [];

    /// <summary>Payments the client sent (pain.001), by end-to-end id.</summary>
    public IReadOnlyList<OwnPayment> OwnPayments { get; init; } = [];

    public IReadOnlyList<KnownPayerAccount> PayerAccounts { get; init; } = [];

    public KidCustomerPrefix? KidCustomerPrefix { get; init; }
}
