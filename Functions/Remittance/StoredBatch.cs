using Azure;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Remittance;

namespace Bankflow.Functions.Remittance;

/// <summary>
/// A payment batch as stored: the domain batch, the pain.001 version chosen for its bank, where its file went
/// (Direct: the outbox blob), when a file-based batch was released for download, the reservation its payment rows
/// were written under, and the header row's ETag.
/// </summary>
public sealed record StoredBatch(PaymentBatch Batch, Pain001Version PainVersion)
{
    /// <summary>File-based: when the batch was released for download (POST …/send); the download marks it sent.</summary>
    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>Direct: the outbox blob name (<c>{clientId}/{bank}/{batchId}.xml</c> in container outbox) once written.</summary>
    public string? OutboxPath { get; init; }

    /// <summary>When a status report or a debit last changed a payment.</summary>
    public DateTimeOffset? LastStatusAt { get; init; }

    /// <summary>The per-status payment counts as last written to the header (for lists without loading payments).</summary>
    public string? StatusCountsJson { get; init; }

    /// <summary>
    /// The creation that wrote this batch's payment rows (their keys carry it); set by
    /// <see cref="PaymentBatchStore.CreateAsync"/>. Rows under any other reservation are not this batch's.
    /// </summary>
    public string Reservation { get; init; } = "";

    public ETag ETag { get; init; }
}
