namespace Bankflow.Domain.Collection;

public enum CollectionMode
{
    /// <summary>Drafts wait for a person to approve them.</summary>
    Manual,

    /// <summary>Drafts are approved at once.</summary>
    Automatic,
}

/// <summary>The client's own reminders (purring) before collection: how many, and the days each runs before the next step.</summary>
public sealed record ReminderProfile(int Reminders, int PeriodDays);

/// <summary>
/// One agency integration of a client (the seed's "utvidelse"): the client key the agency calls with, the mode, whether the
/// agency may fetch new cases, whether the client sends its own reminders (then a <see cref="ReminderProfile"/> is needed
/// before activation) and its own collection notice (then inkassoloven § 9's 14 days run from that notice).
/// </summary>
public sealed record AgencyIntegration(string AgencyId, Guid ClientKey, CollectionMode Mode, bool MayCreateCases, bool Active)
{
    public bool OwnReminders { get; init; }

    public ReminderProfile? ReminderProfile { get; init; }

    public bool OwnCollectionNotice { get; init; }

    /// <summary>Open cases the agency reported for the organisation before the integration (an existing customer).</summary>
    public int ExistingOpenCases { get; init; }
}
