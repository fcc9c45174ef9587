using Bankflow.Domain.Values;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>One balance of one account on one date, as stored per statement.</summary>
/// <param name="Account">Normalised account (<see cref="CamtAccount.Normalised"/>).</param>
/// <param name="Amount">Signed: negative when overdrawn (DBIT).</param>
public sealed record StatementBalance(string Account, string StatementId, long? SequenceNumber, string Type, DateOnly Date, Money Amount, string Currency);

/// <summary>Balances of a camt.053 statement in the shape the lead stores them.</summary>
public static class CamtStatementBalances
{
    public static IReadOnlyList<StatementBalance> Of(CamtStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var account = statement.Account.Normalised ?? "";
        return [.. statement.Balances.Select(b => new StatementBalance(account, statement.Id, statement.ElectronicSequenceNumber, b.Type, b.Date, b.Amount, b.Currency))];
    }
}
