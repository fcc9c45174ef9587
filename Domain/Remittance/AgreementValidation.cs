namespace Bankflow.Domain.Remittance;

/// <summary>
/// The outcome of checking a bank agreement. Errors block saving the settings; notifications are saved
/// with them and shown to the client's system administrator (varslingscenter), the way DNB reports them.
/// </summary>
public sealed record AgreementValidation(IReadOnlyList<FieldIssue> Errors, IReadOnlyList<FieldIssue> Notifications)
{
    public bool IsValid => Errors.Count == 0;
}
