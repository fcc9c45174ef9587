using Bankflow.Functions.Invocation;
using Bankflow.Functions.Sbanken;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Endpoints.SbankenMorningFetch;

/// <summary>
/// Timer <c>0 0 5 * * *</c> (05:00 UTC: 06:00 Oslo in winter, 07:00 in summer — after Sbanken has closed the
/// day either way). Fans out one <c>sbanken-fetch</c> message per active reconciliation account; the business
/// date (yesterday in Oslo) comes from the injected clock, not from the schedule.
/// </summary>
public static class SbankenMorningFetchFunction
{
    public const string Name = "SbankenMorningFetch";

    public static void Map(IEndpointRouteBuilder app) => app.MapInvocation(Name, async (request, services, cancellationToken) =>
    {
        if (!TriggerDecoders.TryTimer(request, "timer", out var timer, out var error))
        {
            throw new InvalidInvocationException(error!);
        }
        var response = new InvocationResponse();
        var options = services.GetRequiredService<SbankenOptions>();
        if (!options.IsConfigured)
        {
            response.Outputs["fetches"] = Array.Empty<object>();
            response.Logs.Add("Sbanken is not configured; no morning fetch");
            return response;
        }
        var messages = await services.GetRequiredService<SbankenFetchService>().FanOutAsync(cancellationToken).ConfigureAwait(false);
        response.Outputs["fetches"] = messages.Select(InvocationEndpoints.Output).ToArray();
        response.Logs.Add($"morning fetch{(timer!.IsPastDue ? " (past due)" : "")}: {messages.Count} account(s) queued");
        return response;
    });
}
