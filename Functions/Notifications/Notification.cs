using Bankflow.Domain.Values;

namespace Bankflow.Functions.Notifications;

public enum NotificationSeverity
{
    Information,
    Warning,
    Error,
}

/// <summary>
/// A message for the client's system administrator (varsel in the notification centre). Its id is
/// deterministic from what caused it, so a retried invocation never notifies twice.
/// </summary>
public sealed record Notification(ClientId Client, string Id, NotificationSeverity Severity, string Kind, string Title, string Message, DateTimeOffset CreatedAt)
{
    /// <summary>What it is about, e.g. the import id (SHA-256) of a quarantined file.</summary>
    public string? Subject { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    /// <summary>
    /// Row key: newest first (inverted ticks of the cause's time) plus a short hash of kind and subject,
    /// so the same cause maps to the same row.
    /// </summary>
    public static string CreateId(DateTimeOffset causeTime, string kind, string subject)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - causeTime.UtcTicks;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(kind + "\n" + subject)))[..16];
        return $"{inverted:D19}-{hash}";
    }
}
