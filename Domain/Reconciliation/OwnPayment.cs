using Bankflow.Domain.Values;

namespace Bankflow.Domain.Reconciliation;

/// <summary>
/// A payment the client sent through Bankflow (a transaction of a pain.001): when the bank reports money out
/// with its end-to-end id, that movement is this supplier payment, never a customer's.
/// </summary>
/// <param name="BatchId">The payment batch (pain.001 PmtInfId or Bankflow's batch id), when known.</param>
/// <param name="Amount">The amount sent, when known: a movement with another amount is not taken as this payment.</param>
public sealed record OwnPayment(string EndToEndId, string? BatchId, string? CreditorName, Money? Amount, string? Currency);
