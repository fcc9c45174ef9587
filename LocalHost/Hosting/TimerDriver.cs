namespace Bankflow.LocalHost.Hosting;

/// <summary>Plays a timer trigger: sleeps until the next NCRONTAB occurrence (UTC) and invokes with the host's TimerInfo payload.</summary>
public sealed class TimerDriver(FunctionDefinition function, LocalInvoker invoker, TimeProvider time)
{
    private readonly Ncrontab _schedule = Ncrontab.Parse(function.Trigger.Schedule
        ?? throw new InvalidDataException($"{function.Name}: timerTrigger has no schedule"));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? last = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = _schedule.NextAfter(now) ?? throw new InvalidOperationException($"{function.Name}: schedule never fires");
            await Task.Delay(next - now, time, cancellationToken).ConfigureAwait(false);
            var following = _schedule.NextAfter(next) ?? next;
            await TriggerAsync(last, following, isPastDue: false, cancellationToken).ConfigureAwait(false);
            last = next;
        }
    }

    /// <summary>Fires once now (the portal's "Run" button; used by tests and the local run's demo).</summary>
    public Task<bool> TriggerAsync(DateTimeOffset? last, DateTimeOffset next, bool isPastDue, CancellationToken cancellationToken) =>
        invoker.InvokeAsync(function, "timer " + _schedule, HostPayloads.Timer(function.Name, function.Trigger.Name, isPastDue, last, next, time.GetUtcNow()), 1, cancellationToken);
}
