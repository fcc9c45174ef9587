using System.Globalization;
using System.Text.Json.Nodes;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Invokes one function on the handler, logs the outcome (function, trigger, duration, result), and on
/// success hands the outputs to the <see cref="OutputRouter"/> — as the host runs output bindings only
/// after a 2xx. A dead handler is restarted first, as the host does.
/// </summary>
public sealed class LocalInvoker(HandlerProcess handler, HandlerClient client, OutputRouter router, InvocationLog log, LocalHostOptions options)
{
    private readonly SemaphoreSlim _restart = new(1, 1);

    public async Task<bool> InvokeAsync(FunctionDefinition function, string trigger, JsonObject payload, int attempt, CancellationToken cancellationToken)
    {
        await _restart.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await handler.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _restart.Release();
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.InvocationTimeout);
        var result = await client.InvokeAsync(function.Name, payload, timeout.Token).ConfigureAwait(false);
        var failure = result.Failure;
        if (result.Succeeded)
        {
            try
            {
                await router.RouteAsync(function, result.Outputs, cancellationToken).ConfigureAwait(false);
            }
            catch (Azure.RequestFailedException ex)
            {
                // An output binding failing after the handler returned fails the invocation; the trigger retries.
                failure = $"output binding failed: {ex.Message}";
            }
        }
        var succeeded = failure is null;
        log.Add(new InvocationRecord(function.Name, trigger, succeeded, result.Duration, attempt, failure, DateTimeOffset.UtcNow));
        var ms = result.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        options.Log(succeeded
            ? $"{function.Name} ({trigger}) succeeded in {ms} ms{(attempt > 1 ? $" on attempt {attempt}" : "")}"
            : $"{function.Name} ({trigger}) failed in {ms} ms (attempt {attempt}): {failure}");
        foreach (var line in result.Logs)
        {
            options.Log($"{function.Name}: {line}");
        }
        return succeeded;
    }
}
