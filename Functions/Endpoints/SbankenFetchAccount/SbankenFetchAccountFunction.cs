using System.Text.Json;
using Bankflow.Functions.Invocation;
using Bankflow.Functions.Sbanken;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Endpoints.SbankenFetchAccount;

/// <summary>
/// Queue trigger on <c>sbanken-fetch</c> (<see cref="SbankenFetchMessage"/>): reads the account's unread days,
/// stores them as BankEntries and marks them read; output: one FileImported event per day read on bank-events.
/// A Sbanken failure after retries notifies and leaves the days unread (the invocation succeeds: the next
/// morning catches up); a storage failure fails the invocation so the host retries it.
/// </summary>
public static class SbankenFetchAccountFunction
{
    public const string Name = "SbankenFetchAccount";
    private static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);

    public static void Map(IEndpointRouteBuilder app) => app.MapInvocation(Name, async (request, services, cancellationToken) =>
    {
        if (!TriggerDecoders.TryMessage(request, "fetch", out var trigger, out var error))
        {
            throw new InvalidInvocationException(error!);
        }
        SbankenFetchMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<SbankenFetchMessage>(trigger!.Text, MessageJson);
        }
        catch (JsonException ex)
        {
            throw new InvalidInvocationException($"sbanken-fetch message is not JSON: {ex.Message}");
        }
        if (message is null || string.IsNullOrEmpty(message.ClientId) || string.IsNullOrEmpty(message.AccountNumber) || string.IsNullOrEmpty(message.Through))
        {
            throw new InvalidInvocationException("sbanken-fetch message needs clientId, accountNumber and through");
        }
        FetchOutcome outcome;
        try
        {
            outcome = await services.GetRequiredService<SbankenFetchService>().FetchAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInvocationException(ex.Message);
        }
        var response = new InvocationResponse();
        response.Outputs["events"] = outcome.Events.Select(InvocationEndpoints.Output).ToArray();
        response.Logs.AddRange(outcome.Log);
        return response;
    });
}
