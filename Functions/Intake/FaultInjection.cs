namespace Bankflow.Functions.Intake;

/// <summary>
/// Test-only crash points. When <c>BANKFLOW_FAULT_POINT</c> names a point, the process dies there at once,
/// as a host instance can at any moment; with <c>BANKFLOW_FAULT_ONCE_FILE</c> set it dies only the first
/// time (the file records that it happened), so the retry after the restart runs through. Tests use it to
/// prove a retry after a crash leaves no duplicates and an intact archive. Unset in every real deployment.
/// </summary>
public static class FaultInjection
{
    private static readonly string? Point = Environment.GetEnvironmentVariable("BANKFLOW_FAULT_POINT");
    private static readonly string? OnceFile = Environment.GetEnvironmentVariable("BANKFLOW_FAULT_ONCE_FILE");

    public static void Hit(string point)
    {
        if (Point is null || !string.Equals(Point, point, StringComparison.Ordinal))
        {
            return;
        }
        if (OnceFile is not null)
        {
            if (File.Exists(OnceFile))
            {
                return;
            }
            File.WriteAllText(OnceFile, point);
        }
        // SIGKILL to ourselves: no graceful shutdown, no finally blocks — like a host instance vanishing.
        System.Diagnostics.Process.GetCurrentProcess().Kill();
    }
}
