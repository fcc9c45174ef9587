using System.Text.Json;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Intake;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Endpoints.BlobPoison;

/// <summary>
/// Queue trigger on the host's <c>webjobs-blobtrigger-poison</c> queue: a bank file whose import failed five
/// times is quarantined with that reason and the client is notified, so nothing fails silently.
/// Message: <c>{"FunctionId", "BlobType", "ContainerName", "BlobName", "ETag"}</c>.
/// </summary>
public sealed partial class BlobPoisonFunction(ImportBankFileUseCase useCase, ILogger<BlobPoisonFunction> logger)
{
    public const string Name = "BlobPoison";

    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.BlobPoisonQueue, Connection = "AzureWebJobsStorage")] string poison, CancellationToken cancellationToken)
    {
        var (container, blobName) = Read(poison);
        if (container != StorageNames.InboxContainer || string.IsNullOrEmpty(blobName))
        {
            LogIgnored(logger, container, blobName);
            return;
        }
        var outcome = await useCase.GiveUpAsync(blobName, cancellationToken).ConfigureAwait(false);
        LogOutcome(logger, outcome);
    }

    /// <summary>The poison message's container and blob; a message that is no JSON object fails the invocation.</summary>
    internal static (string? Container, string? BlobName) Read(string? poison)
    {
        try
        {
            using var doc = JsonDocument.Parse(poison ?? "");
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"poison message must be a JSON object, found {doc.RootElement.ValueKind}");
            }
            return (Text(doc.RootElement, "ContainerName"), Text(doc.RootElement, "BlobName"));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"poison message is not JSON: {ex.Message}", ex);
        }
    }

    private static string? Text(JsonElement message, string name) =>
        message.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Poison message for {Container}/{BlobName} is not an inbox file; ignored")]
    private static partial void LogIgnored(ILogger logger, string? container, string? blobName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Blob poison: {Outcome}")]
    private static partial void LogOutcome(ILogger logger, string outcome);
}
