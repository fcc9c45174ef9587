using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Tests.Hosting;

/// <summary>The timer loop survives anything and ends quietly when stopped (the host's stop must not meet a faulted loop).</summary>
public sealed class TimerDriverTests
{
    /// <summary>The clock pinned to one instant; timers run on real time.</summary>
    private sealed class PinnedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    private static FunctionDefinition Timer(string schedule) =>
        new("Scheduled", [new BindingDefinition("timerTrigger", "in", "timer") { Schedule = schedule }]);

    [Fact]
    public async Task A_yearly_schedule_waits_past_what_one_timer_can_wait_and_ends_quietly_when_stopped()
    {
        // The next occurrence is 364 days away; one timer waits at most about 49.7 days.
        var log = new HostLogLines();
        var driver = new TimerDriver(Timer("0 0 0 1 1 *"), null!, new PinnedClock(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero)), log.Add);
        using var stop = new CancellationTokenSource();
        var running = driver.RunAsync(stop.Token);

        await Task.Delay(300);
        Assert.False(running.IsCompleted, "the loop ended by itself: " + running.Exception?.GetBaseException().Message);
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(running.IsCompletedSuccessfully);
        Assert.Empty(log.Lines);
    }

    [Fact]
    public async Task A_schedule_that_never_fires_again_stops_the_timer_with_a_line_not_an_exception()
    {
        var log = new HostLogLines();
        var driver = new TimerDriver(Timer("0 0 0 31 2 *"), null!, TimeProvider.System, log.Add);

        await driver.RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Contains(log.Lines, l => l.Contains("never fires again", StringComparison.Ordinal));
    }

    private sealed class HostLogLines
    {
        private readonly List<string> _lines = [];

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Add(line);
            }
        }

        public List<string> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }
    }
}
