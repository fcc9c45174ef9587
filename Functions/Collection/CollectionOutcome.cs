namespace Bankflow.Functions.Collection;

public enum OutcomeKind
{
    Ok,
    Created,
    NotFound,

    /// <summary>A rule or the state refuses it (409).</summary>
    Conflict,

    /// <summary>A field is wrong (400, under <see cref="CollectionOutcome{T}.Field"/>).</summary>
    Invalid,

    /// <summary>Something must be done first (412: e.g. the client is not registered).</summary>
    Precondition,

    Forbidden,
}

/// <summary>What a collection use case came to: the value, or why not.</summary>
public sealed record CollectionOutcome<T>(OutcomeKind Kind, T? Value, string? Reason = null, string? Field = null)
{
    public static CollectionOutcome<T> Ok(T value) => new(OutcomeKind.Ok, value);

    public static CollectionOutcome<T> Created(T value) => new(OutcomeKind.Created, value);

    public static CollectionOutcome<T> Fail(OutcomeKind kind, string reason, string? field = null) => new(kind, default, reason, field);
}
