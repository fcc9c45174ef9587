using Azure;

namespace Bankflow.Storage.Tables;

/// <summary>
/// An entity group transaction was refused as a whole (nothing was written). The service answers 202 with one failed
/// change inside; <see cref="RequestFailedException.Status"/> and <see cref="RequestFailedException.ErrorCode"/> are that
/// change's (e.g. 409 EntityAlreadyExists), and <see cref="FailedActionIndex"/> is its position in the submitted list.
/// </summary>
public sealed class TableTransactionFailedException : RequestFailedException
{
    public TableTransactionFailedException(int status, string message, string? errorCode, int? failedActionIndex, TableTransactionAction? failedAction)
        : base(status, message, errorCode, innerException: null)
    {
        FailedActionIndex = failedActionIndex;
        FailedAction = failedAction;
    }

    /// <summary>Zero-based index of the failing action, or null when the service did not say which one failed.</summary>
    public int? FailedActionIndex { get; }

    /// <summary>The failing action when <see cref="FailedActionIndex"/> is known.</summary>
    public TableTransactionAction? FailedAction { get; }
}
