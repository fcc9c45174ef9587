namespace Bankflow.Functions.Intake;

/// <summary>
/// Test-only crash points: when the environment variable <c>BANKFLOW_FAULT_POINT</c> names a point, the
/// process dies there at once, as a host instance can at any moment. Tests use it to prove that a retry
/// after a crash leaves no duplicates and an intact archive. Unset in every real deployment.
/// </summary>
public static class FaultInjection
{
    private static readonly string? Point = Environment.GetEnvironmentVariable("BANKFLOW_FAULT_POINT");

    public static void Hit(string point)
    {
        if (Point is not null && string.Equals(Point, point, StringComparison.Ordinal))
        {
            Environment.FailFast($"fault injected at {point}");
        }
    }
}
