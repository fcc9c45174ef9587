namespace Bankflow.Functions.Reconciliation;

public enum ReconcileRunState
{
    /// <summary>The run went through.</summary>
    Ran,

    /// <summary>Another run of the client holds the lease: ask again later.</summary>
    Busy,

    /// <summary>The client has no open items: reconciliation starts with its first upload.</summary>
    NoOpenItems,
}

/// <summary>What one reconciliation run of a client did.</summary>
/// <param name="Looked">Bank entries without a decision that the engine looked at.</param>
/// <param name="Conflicts">Decisions another writer had made first (kept; this run's are dropped).</param>
public sealed record ReconcileRun(ReconcileRunState State, int Looked = 0, int NewMatches = 0, int Unmatched = 0, int Ignored = 0, int ItemsUpdated = 0, int EventsPublished = 0, int Conflicts = 0)
{
    public static readonly ReconcileRun Busy = new(ReconcileRunState.Busy);

    public static readonly ReconcileRun NoOpenItems = new(ReconcileRunState.NoOpenItems);
}
