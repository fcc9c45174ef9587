namespace Bankflow.Storage.Tables;

/// <summary>One operation inside an entity group transaction.</summary>
public enum TableTransactionActionType
{
    /// <summary>Insert; the transaction fails (409) when the row exists.</summary>
    Add,

    /// <summary>Insert or update; update keeps unmentioned properties.</summary>
    UpsertMerge,

    /// <summary>Insert or replace the whole row.</summary>
    UpsertReplace,

    /// <summary>Merge into an existing row; If-Match is the action's ETag (<c>*</c> when default).</summary>
    UpdateMerge,

    /// <summary>Replace an existing row; If-Match is the action's ETag (<c>*</c> when default).</summary>
    UpdateReplace,

    /// <summary>Delete an existing row; If-Match is the action's ETag (<c>*</c> when default).</summary>
    Delete,
}
