using System.Globalization;

namespace Bankflow.Benchmarks;

/// <summary>This process's memory figures from <c>/proc/self/status</c>, for the one-run import benchmarks.</summary>
internal static class ProcessMemory
{
    /// <summary>Resets the peak (VmHWM) to the current resident set, so the next peak is the work that follows.</summary>
    public static Task ResetPeakAsync() => File.WriteAllTextAsync("/proc/self/clear_refs", "5");

    /// <summary>A figure in kB, e.g. <c>VmRSS</c> (now) or <c>VmHWM</c> (the peak since the last reset).</summary>
    public static long Kilobytes(string key) =>
        long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
