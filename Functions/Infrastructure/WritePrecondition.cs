using Azure;

namespace Bankflow.Functions.Infrastructure;

/// <summary>What a conditional write requires of the row it writes.</summary>
public enum WritePreconditionKind
{
    /// <summary>No condition: create or write over whatever is there.</summary>
    None,

    /// <summary>The row must exist and carry exactly this ETag (<c>If-Match: "…"</c>).</summary>
    Matches,

    /// <summary>The row must exist, whatever its ETag (<c>If-Match: *</c>).</summary>
    Exists,

    /// <summary>The row must not exist: create only (<c>If-None-Match: *</c>).</summary>
    Absent,
}

/// <summary>A conditional write's precondition (RFC 9110 §13.1.1–2), decided against the row as stored.</summary>
public readonly record struct WritePrecondition(WritePreconditionKind Kind, ETag ETag = default)
{
    public static WritePrecondition None => default;

    public static WritePrecondition Exists => new(WritePreconditionKind.Exists);

    public static WritePrecondition Absent => new(WritePreconditionKind.Absent);

    public static WritePrecondition Matches(ETag etag) => new(WritePreconditionKind.Matches, etag);

    /// <summary>The older form callers use: null = no condition, <see cref="ETag.All"/> = must exist, else must match.</summary>
    public static WritePrecondition FromIfMatch(ETag? ifMatch) =>
        ifMatch is not { } etag ? None : etag == ETag.All ? Exists : Matches(etag);

    /// <summary>Whether the write may go ahead over the row as read (<paramref name="current"/> null: there is none).</summary>
    public bool AllowsOver(ETag? current) => Kind switch
    {
        WritePreconditionKind.Matches => current is { } etag && etag == ETag,
        WritePreconditionKind.Exists => current is not null,
        WritePreconditionKind.Absent => current is null,
        _ => true,
    };
}
