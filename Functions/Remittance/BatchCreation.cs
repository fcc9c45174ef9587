namespace Bankflow.Functions.Remittance;

public enum BatchCreationStatus
{
    /// <summary>Committed: <see cref="BatchCreation.Batch"/> is the new batch.</summary>
    Created,

    /// <summary>A batch of the client has this id; nothing was written.</summary>
    BatchIdUsed,

    /// <summary>Another request is creating a batch with this id right now; nothing was written.</summary>
    BatchIdBeingCreated,

    /// <summary>
    /// Some end-to-end ids are in another batch of the client, or in one being created:
    /// <see cref="BatchCreation.UsedEndToEndIds"/>. Nothing of this request stays a batch; its batch id is free again.
    /// </summary>
    EndToEndIdsUsed,

    /// <summary>
    /// The creation outlived <see cref="PaymentBatchStore.CreationLease"/> and another request took its batch id or one
    /// of its end-to-end ids over, so it could not commit; nothing of it is a batch.
    /// </summary>
    TakenOver,
}

/// <summary>What <see cref="PaymentBatchStore.CreateAsync"/> came to.</summary>
public sealed record BatchCreation(BatchCreationStatus Status, StoredBatch? Batch, IReadOnlySet<string> UsedEndToEndIds)
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>(StringComparer.Ordinal);

    public static BatchCreation Done(StoredBatch batch) => new(BatchCreationStatus.Created, batch, None);

    public static BatchCreation Refused(BatchCreationStatus status) => new(status, null, None);

    public static BatchCreation EndToEndIdsUsed(IReadOnlySet<string> ids) => new(BatchCreationStatus.EndToEndIdsUsed, null, ids);
}
