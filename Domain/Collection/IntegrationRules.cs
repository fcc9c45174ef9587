namespace Bankflow.Domain.Collection;

/// <summary>
/// The rules for switching agency integrations on and off (the seed's "bytte/avslutte"): "may create new cases" is never on
/// for two integrations of one client at once; activation needs a reminder profile when the client sends its own reminders,
/// and an existing customer with more than <see cref="MaxExistingOpenCases"/> open cases goes the manual way; an integration
/// is deactivated or deleted only when all its cases are closed.
/// </summary>
public static class IntegrationRules
{
    public const int MaxExistingOpenCases = 10;

    /// <summary>Why <paramref name="changed"/> may not have "may create new cases" on, or null.</summary>
    public static string? SwitchConflict(AgencyIntegration changed, IEnumerable<AgencyIntegration> all)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(all);
        if (!changed.MayCreateCases)
        {
            return null;
        }
        var other = all.FirstOrDefault(i => i.AgencyId != changed.AgencyId && i.MayCreateCases);
        return other is null
            ? null
            : $"agency {other.AgencyId} may create new cases for this client; switch that off first — never two agencies at once";
    }

    /// <summary>Why the integration may not be activated, or null.</summary>
    public static string? ActivationRefusal(AgencyIntegration integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        if (integration.OwnReminders && integration.ReminderProfile is null)
        {
            return "the client sends its own reminders: choose a reminder profile before activating the integration (or let the agency send the first letter)";
        }
        if (integration.ExistingOpenCases > MaxExistingOpenCases && integration.Mode == CollectionMode.Automatic)
        {
            return $"the agency reports {integration.ExistingOpenCases} open cases for this organisation (more than {MaxExistingOpenCases}): automatic activation is refused — " +
                "contact the agency to activate it manually; payments on the older cases stay manual";
        }
        return null;
    }

    /// <summary>Why the integration may not be deactivated or deleted, or null: cases of it still open.</summary>
    public static string? EndRefusal(string agencyId, IEnumerable<CollectionCase> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var open = cases.Where(c => c.AgencyId == agencyId && !c.Status.IsClosed()).Select(c => c.InvoiceId).Order(StringComparer.Ordinal).ToList();
        return open.Count == 0
            ? null
            : $"{open.Count} case(s) of agency {agencyId} are not closed ({string.Join(", ", open.Take(5))}{(open.Count > 5 ? ", …" : "")}); end the integration when all are settled, written off or closed";
    }

    public static string? ProfileRefusal(ReminderProfile? profile) =>
        profile is null ? null
        : profile.Reminders is < 1 or > 3 ? "reminders must be 1–3"
        : profile.PeriodDays is < 14 or > 60 ? "periodDays must be 14–60 (inkassoloven § 9 and the debt collection regulations give at least 14 days)"
        : null;
}
