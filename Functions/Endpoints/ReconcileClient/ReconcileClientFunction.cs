using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Reconciliation;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.Functions.Endpoints.ReconcileClient;

/// <summary>
/// Queue trigger on <c>reconcile-requests</c> (<c>{"clientId":…}</c>, sent after an import, an open-items upload, a removal
/// or a rejection): reconciles the client. When another run of the client holds its lease, the request is sent again with
/// a delay and this invocation succeeds (it is not a failure to retry, and a run that is under way may already cover it).
/// A storage failure fails the invocation, so the host retries it.
/// </summary>
public sealed class ReconcileClientFunction(ReconcileClientUseCase useCase, ReconcileRequests requests)
{
    public const string Name = "ReconcileClient";

    [Function(Name)]
    public async Task RunAsync(
        [QueueTrigger(StorageNames.ReconcileRequestsQueue, Connection = "AzureWebJobsStorage")] string request, CancellationToken cancellationToken)
    {
        var client = ReconcileRequests.Read(request);
        var run = await useCase.RunAsync(client, cancellationToken).ConfigureAwait(false);
        if (run.State == ReconcileRunState.Busy)
        {
            await requests.RequestAsync(client, ReconcileRequests.BusyDelay, cancellationToken).ConfigureAwait(false);
        }
    }
}
