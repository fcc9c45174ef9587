namespace Bankflow.LocalHost.Hosting;

/// <summary>Plays a timer trigger: sleeps until the next NCRONTAB occurrence (UTC) and invokes with the host's TimerInfo.</summary>
public sealed class TimerDriver(FunctionDefinition function, LocalInvoker invoker, TimeProvider time, Action<string> log)
{
    private readonly Ncrontab _schedule = Ncrontab.Parse(function.Trigger.Schedule
        ?? throw new InvalidDataException($"{function.Name}: timerTrigger has no schedule"));

    public string FunctionName => function.Name;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = _schedule.NextAfter(now) ?? throw new InvalidOperationException($"{function.Name}: schedule never fires");
            await Task.Delay(next - now, time, cancellationToken).ConfigureAwait(false);
            var following = _schedule.NextAfter(next) ?? next;
            try
            {
                await TriggerAsync(last, following, isPastDue: false, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The schedule goes on whatever one occurrence met (storage down while routing outputs, …).
                log($"{function.Name}: timer occurrence failed ({ex.GetType().Name}: {ex.Message}); waiting for the next one");
            }
            last = next;
        }
    }

    /// <summary>Fires once now (the portal's "Run" button; used by tests and the local run's demo).</summary>
    public async Task<bool> TriggerAsync(DateTimeOffset? last, DateTimeOffset next, bool isPastDue, CancellationToken cancellationToken) =>
        (await FireAsync(last, next, isPastDue, routeOutputs: true, cancellationToken).ConfigureAwait(false)).Succeeded;

    /// <summary>Fires once now and returns the outputs; with <paramref name="routeOutputs"/> false they are not delivered.</summary>
    public Task<InvocationResult> FireAsync(DateTimeOffset? last, DateTimeOffset next, bool isPastDue, bool routeOutputs, CancellationToken cancellationToken) =>
        invoker.InvokeDetailedAsync(function, "timer " + _schedule, TriggerInputs.Timer(function, isPastDue, last, next, time.GetUtcNow()), 1, routeOutputs, cancellationToken);
}
