using System.Globalization;

namespace Bankflow.Benchmarks;

/// <summary>
/// CPU time (user + system) a process has used so far, from <c>/proc/{pid}/stat</c> (fields 14 and 15, in clock ticks
/// of 10 ms on Linux). For splitting a run's cost between this process and Azurite, which is a separate Node process.
/// </summary>
internal static class ProcessCpu
{
    private const double SecondsPerTick = 0.01;

    public static TimeSpan Of(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks * SecondsPerTick);
    }

    public static TimeSpan OfThisProcess() => Of(Environment.ProcessId);
}
