using Azure;

namespace Bankflow.Storage.Tables;

/// <summary>
/// One action of <see cref="TableClient.SubmitTransactionAsync"/>. <see cref="ETag"/> matters only for the update and
/// delete actions; <c>default</c> means unconditional (<c>*</c>), as in Azure.Data.Tables.
/// </summary>
public sealed record TableTransactionAction
{
    public TableTransactionAction(TableTransactionActionType actionType, TableEntity entity, ETag etag = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!Enum.IsDefined(actionType))
        {
            throw new ArgumentOutOfRangeException(nameof(actionType), actionType, "unknown transaction action type");
        }
        ActionType = actionType;
        Entity = entity;
        ETag = etag;
    }

    public TableTransactionActionType ActionType { get; }

    public TableEntity Entity { get; }

    public ETag ETag { get; }
}
