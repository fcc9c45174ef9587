using System.Text.Json;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Invocation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Endpoints.BlobPoison;

/// <summary>
/// Queue trigger on the host's <c>webjobs-blobtrigger-poison</c> queue: a bank file whose import failed five
/// times is quarantined with that reason and the client is notified, so nothing fails silently.
/// Message: <c>{"FunctionId", "BlobType", "ContainerName", "BlobName", "ETag"}</c>.
/// </summary>
public static class BlobPoisonFunction
{
    public const string Name = "BlobPoison";

    public static void Map(IEndpointRouteBuilder app) => app.MapInvocation(Name, async (request, services, cancellationToken) =>
    {
        if (!TriggerDecoders.TryMessage(request, "poison", out var message, out var error))
        {
            throw new InvalidInvocationException(error!);
        }
        string? container, blobName;
        try
        {
            using var doc = JsonDocument.Parse(message!.Text);
            container = doc.RootElement.TryGetProperty("ContainerName", out var c) ? c.GetString() : null;
            blobName = doc.RootElement.TryGetProperty("BlobName", out var b) ? b.GetString() : null;
        }
        catch (JsonException ex)
        {
            throw new InvalidInvocationException($"poison message is not JSON: {ex.Message}");
        }
        var response = new InvocationResponse();
        if (container != StorageNames.InboxContainer || string.IsNullOrEmpty(blobName))
        {
            response.Logs.Add($"poison message for {container}/{blobName} is not an inbox file; ignored");
            return response;
        }
        var useCase = services.GetRequiredService<ImportBankFileUseCase>();
        var outcome = await useCase.GiveUpAsync(blobName, cancellationToken).ConfigureAwait(false);
        response.Logs.Add(outcome);
        return response;
    });
}
