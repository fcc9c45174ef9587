using Bankflow.Domain.Remittance;

namespace Bankflow.Functions.Remittance;

public enum BatchOutcomeKind
{
    /// <summary>Done; <see cref="BatchOutcome.Batch"/> is the batch now.</summary>
    Ok,

    /// <summary>No such batch for this client.</summary>
    NotFound,

    /// <summary>The request breaks a rule (per field or payment): nothing was saved or sent.</summary>
    Invalid,

    /// <summary>The batch is not in a state that allows this (e.g. an RgB batch not authorised, already sent), or it changed meanwhile.</summary>
    Conflict,
}

/// <summary>What a batch operation came to. Errors are keyed by the caller's field names ("payments[2].amount").</summary>
public sealed record BatchOutcome(BatchOutcomeKind Kind, StoredBatch? Batch, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>Send/authorise repeated: the batch was already in the wanted state; nothing was done again.</summary>
    public bool Repeated { get; init; }

    public static BatchOutcome Ok(StoredBatch batch, bool repeated = false) => new(BatchOutcomeKind.Ok, batch, new Dictionary<string, string[]>()) { Repeated = repeated };

    public static BatchOutcome NotFound() => new(BatchOutcomeKind.NotFound, null, new Dictionary<string, string[]>());

    public static BatchOutcome Invalid(IReadOnlyDictionary<string, string[]> errors) => new(BatchOutcomeKind.Invalid, null, errors);

    public static BatchOutcome Conflict(StoredBatch? batch, IEnumerable<FieldIssue> issues) =>
        new(BatchOutcomeKind.Conflict, batch, issues.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Reason).ToArray(), StringComparer.Ordinal));
}

/// <summary>A payment file to hand to the user (file-based banks).</summary>
public sealed record PaymentFile(string FileName, byte[] Content, StoredBatch Batch);
