using System.Text.Json;
using Microsoft.Azure.Functions.Worker;

namespace Bankflow.WorkerContract;

/// <summary>Timer trigger: reports the TimerInfo it was given to a queue, so the test sees what the worker parsed.</summary>
public static class TimerFunctions
{
    [Function("Tick")]
    [QueueOutput("contract-ticks")]
    public static string Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer) =>
        JsonSerializer.Serialize(new { pastDue = timer.IsPastDue, next = timer.ScheduleStatus?.Next, last = timer.ScheduleStatus?.Last });
}
