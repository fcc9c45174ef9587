namespace Bankflow.Domain.Remittance;

/// <summary>
/// One rule a setting or payment breaks: which field (the JSON name the HTTP layer uses) and why, in
/// words a person can act on. The HTTP layer turns a list of these into problem+json "errors".
/// </summary>
public sealed record FieldIssue(string Field, string Reason)
{
    public override string ToString() => $"{Field}: {Reason}";
}
