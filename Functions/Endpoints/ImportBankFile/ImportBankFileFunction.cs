using Bankflow.Functions.Intake;
using Bankflow.Functions.Invocation;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Bankflow.Functions.Endpoints.ImportBankFile;

/// <summary>Blob trigger on <c>inbox/{clientId}/{channel}/{name}</c> (Event Grid source); output: bank-events.</summary>
public static class ImportBankFileFunction
{
    public const string Name = "ImportBankFile";

    public static void Map(IEndpointRouteBuilder app) => app.MapInvocation(Name, async (request, services, cancellationToken) =>
    {
        if (!TriggerDecoders.TryBlob(request, "file", ["clientId", "channel", "name"], out var blob, out var error))
        {
            throw new InvalidInvocationException(error!);
        }
        var useCase = services.GetRequiredService<ImportBankFileUseCase>();
        var evt = await useCase.RunAsync(
            new InboxFile(blob!.PathTokens.GetValueOrDefault("clientId"), blob.PathTokens.GetValueOrDefault("channel"), blob.PathTokens.GetValueOrDefault("name"), blob.Content),
            cancellationToken).ConfigureAwait(false);
        var response = new InvocationResponse();
        response.Outputs["events"] = evt is null ? Array.Empty<object>() : new[] { InvocationEndpoints.Output(evt) };
        return response;
    });
}
