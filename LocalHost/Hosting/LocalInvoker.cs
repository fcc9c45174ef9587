using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Bankflow.LocalHost.Hosting.Rpc;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Hosting;

/// <summary>The outcome of one invocation: outputs by binding name (<c>$return</c> included), or why it failed.</summary>
public sealed record InvocationResult(bool Succeeded, IReadOnlyDictionary<string, JsonNode?> Outputs, string? Failure, TimeSpan Duration)
{
    public static InvocationResult Failed(string reason, TimeSpan duration) => new(false, new Dictionary<string, JsonNode?>(), reason, duration);

    /// <summary>The message texts <paramref name="function"/> returned for its queue output named <paramref name="queueName"/> (as the router would send them).</summary>
    public IReadOnlyList<string> MessageTexts(FunctionDefinition function, string queueName)
    {
        var texts = new List<string>();
        foreach (var binding in function.Outputs.Where(o => OutputRouter.IsQueue(o) && string.Equals(o.QueueName, queueName, StringComparison.OrdinalIgnoreCase)))
        {
            if (Outputs.TryGetValue(binding.Name, out var value) && value is not null)
            {
                texts.AddRange((value is JsonArray array ? array.ToList() : [value]).Select(OutputRouter.MessageText));
            }
        }
        return texts;
    }
}

/// <summary>
/// Invokes one function on the worker: restarts a dead worker first (as the host does), sends the
/// <c>InvocationRequest</c>, waits for its response within <see cref="LocalHostOptions.InvocationTimeout"/>, logs the
/// outcome, and on success hands the outputs to the <see cref="OutputRouter"/> — the host runs output bindings only
/// after a successful invocation. Every failure (function threw, worker died, timeout, unknown function) is a failed
/// invocation with a reason, never an exception, so the trigger's retry rules apply.
/// </summary>
public sealed class LocalInvoker(WorkerProcess worker, OutputRouter router, InvocationLog log, LocalHostOptions options)
{
    public async Task<bool> InvokeAsync(FunctionDefinition function, string trigger, TriggerInput input, int attempt, CancellationToken cancellationToken) =>
        (await InvokeDetailedAsync(function, trigger, input, attempt, routeOutputs: true, cancellationToken).ConfigureAwait(false)).Succeeded;

    public async Task<InvocationResult> InvokeDetailedAsync(FunctionDefinition function, string trigger, TriggerInput input, int attempt, bool routeOutputs, CancellationToken cancellationToken)
    {
        var result = await CallWorkerAsync(function.Name, input, attempt, cancellationToken).ConfigureAwait(false);
        var failure = result.Failure;
        if (result.Succeeded && routeOutputs)
        {
            try
            {
                await router.RouteAsync(function, result.Outputs, BindingValues(input), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or IOException or AggregateException or InvalidOperationException)
            {
                // An output binding failing after the function returned fails the invocation; the trigger retries.
                failure = $"output binding failed: {ex.Message}";
            }
        }
        var succeeded = failure is null;
        log.Add(new InvocationRecord(function.Name, trigger, succeeded, result.Duration, attempt, failure, DateTimeOffset.UtcNow));
        var ms = result.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
        trigger = LogText.Path(trigger); // a blob name may hold an account or identity number
        options.Log(succeeded
            ? $"{function.Name} ({trigger}) succeeded in {ms} ms{(attempt > 1 ? $" on attempt {attempt}" : "")}"
            : $"{function.Name} ({trigger}) failed in {ms} ms (attempt {attempt}): {failure}");
        return succeeded ? result : result with { Succeeded = false, Failure = failure };
    }

    /// <summary>One InvocationRequest/Response round trip; no logging, no outputs routed (the HTTP front uses it directly).</summary>
    internal async Task<InvocationResult> CallWorkerAsync(string functionName, TriggerInput input, int attempt, CancellationToken cancellationToken, string? invocationId = null)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await worker.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (WorkerStartException ex)
        {
            return InvocationResult.Failed($"the worker could not be (re)started: {ex.Message}", watch.Elapsed);
        }
        if (worker.FunctionIdOf(functionName) is not { } functionId)
        {
            return InvocationResult.Failed($"the worker has no function named '{functionName}' (loaded: {string.Join(", ", worker.Functions.Select(f => f.Name))})", watch.Elapsed);
        }
        var request = new InvocationRequest
        {
            InvocationId = invocationId ?? Guid.NewGuid().ToString(),
            FunctionId = functionId,
            TraceContext = new RpcTraceContext { TraceParent = Activity.Current?.Id ?? "" },
            RetryContext = new RetryContext { RetryCount = attempt - 1, MaxRetryCount = options.MaxDequeueCount - 1 },
        };
        foreach (var (name, value) in input.Inputs)
        {
            request.InputData.Add(new ParameterBinding { Name = name, Data = value });
        }
        foreach (var (name, value) in input.Metadata)
        {
            request.TriggerMetadata[name] = value;
        }
        worker.TrackInvocation(request.InvocationId, functionName);
        var answered = false;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.InvocationTimeout);
        try
        {
            var response = await worker.Channel.InvokeAsync(request, timeout.Token).ConfigureAwait(false);
            answered = true;
            return response.Result is { Status: StatusResult.Types.Status.Success }
                ? new InvocationResult(true, OutputValues.Read(response), null, watch.Elapsed)
                : InvocationResult.Failed(FailureText(response.Result), watch.Elapsed);
        }
        catch (WorkerGoneException ex)
        {
            return InvocationResult.Failed($"the worker went away during the invocation ({ex.Message}); it is restarted before the next one", watch.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return InvocationResult.Failed($"no answer within the invocation timeout ({options.InvocationTimeout}); cancellation sent to the worker", watch.Elapsed);
        }
        finally
        {
            worker.ForgetInvocation(request.InvocationId, answered);
        }
    }

    /// <summary>The trigger metadata that can name a queue: strings and whole numbers.</summary>
    internal static IReadOnlyDictionary<string, string> BindingValues(TriggerInput input)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in input.Metadata)
        {
            if (value.DataCase == TypedData.DataOneofCase.String)
            {
                values[key] = value.String;
            }
            else if (value.DataCase == TypedData.DataOneofCase.Json && long.TryParse(value.Json, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                values[key] = number.ToString(CultureInfo.InvariantCulture);
            }
        }
        return values;
    }

    private static string FailureText(StatusResult? result) =>
        result switch
        {
            null => "the worker answered without a result",
            { Status: StatusResult.Types.Status.Cancelled } => "the invocation was cancelled",
            { Exception: { Message.Length: > 0 } ex } => ex.Message,
            _ => result.Result.Length > 0 ? result.Result : $"the worker reported {result.Status}",
        };
}
