namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Plays a timer trigger: sleeps until the next NCRONTAB occurrence (UTC) and invokes with the host's TimerInfo. The
/// schedule survives whatever one occurrence meets (storage down while routing outputs, a worker restart, any exception):
/// it is logged and the driver waits for the next occurrence.
/// </summary>
public sealed class TimerDriver(FunctionDefinition function, LocalInvoker invoker, TimeProvider time, Action<string> log)
{
    /// <summary>
    /// The longest single wait: a timer can only wait about 49 days at once, and a yearly schedule waits longer, so long
    /// waits are taken in steps (and a changed clock is noticed within one).
    /// </summary>
    internal static readonly TimeSpan MaxWait = TimeSpan.FromHours(1);

    /// <summary>After an occurrence failed before it fired, the pause before trying again, so a fault cannot spin the loop.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    private readonly Ncrontab _schedule = Ncrontab.Parse(function.Trigger.Schedule
        ?? throw new InvalidDataException($"{function.Name}: timerTrigger has no schedule"));

    public string FunctionName => function.Name;

    /// <summary>Runs the schedule until <paramref name="cancellationToken"/> is cancelled; ends quietly then (no exception).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            DateTimeOffset? next = null;
            try
            {
                next = _schedule.NextAfter(time.GetUtcNow());
                if (next is null)
                {
                    log($"{function.Name}: the schedule {_schedule} never fires again; the timer stops");
                    return;
                }
                await WaitUntilAsync(next.Value, cancellationToken).ConfigureAwait(false);
                var following = _schedule.NextAfter(next.Value) ?? next.Value;
                await TriggerAsync(last, following, isPastDue: false, cancellationToken).ConfigureAwait(false);
                last = next;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                last = next ?? last;
                log($"{function.Name}: timer occurrence failed ({ex.GetType().Name}: {ex.Message}); waiting for the next one");
                try
                {
                    await Task.Delay(Pause, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task WaitUntilAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        while (due - time.GetUtcNow() is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left < MaxWait ? left : MaxWait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Fires once now (the portal's "Run" button; used by tests and the local run's demo).</summary>
    public async Task<bool> TriggerAsync(DateTimeOffset? last, DateTimeOffset next, bool isPastDue, CancellationToken cancellationToken) =>
        (await FireAsync(last, next, isPastDue, routeOutputs: true, cancellationToken).ConfigureAwait(false)).Succeeded;

    /// <summary>Fires once now and returns the outputs; with <paramref name="routeOutputs"/> false they are not delivered.</summary>
    public Task<InvocationResult> FireAsync(DateTimeOffset? last, DateTimeOffset next, bool isPastDue, bool routeOutputs, CancellationToken cancellationToken) =>
        invoker.InvokeDetailedAsync(function, "timer " + _schedule, TriggerInputs.Timer(function, isPastDue, last, next, time.GetUtcNow()), 1, routeOutputs, cancellationToken);
}
