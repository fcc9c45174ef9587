using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Bankflow.Functions.Sbanken;

namespace Bankflow.Functions.Reconciliation;

/// <summary>The reconciliation services (issue 12): stores, the run, the review of matches, the summary.</summary>
public static class ReconciliationRegistration
{
    public static IServiceCollection AddReconciliation(this IServiceCollection services)
    {
        services.TryAddSingleton<SbankenDayStore>();
        services.AddSingleton<OpenItemStore>();
        services.AddSingleton<MatchStore>();
        services.AddSingleton<OutcomeStore>();
        services.AddSingleton<ReconciliationLock>();
        services.AddSingleton<ReconcileRequests>();
        services.AddSingleton<CommittedEntries>();
        services.AddSingleton<ReconcileClientUseCase>();
        services.AddSingleton<MatchReview>();
        services.AddSingleton<OpenItemService>();
        services.AddSingleton<ReconciliationSummaries>();
        return services;
    }
}
