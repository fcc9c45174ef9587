using System.Globalization;
using System.Text;

namespace Bankflow.Testing.Faults;

/// <summary>One request the proxy saw: the service, the operation, the SDK's request id and what was done to it.</summary>
/// <param name="ClientRequestId">
/// <c>x-ms-client-request-id</c>: the Azure SDKs send the same id on every retry of one operation, so ids seen more
/// than once are retries, and the count per id is how many tries the operation took.
/// </param>
public sealed record ProxiedRequest(string Service, string Method, string Resource, string? ClientRequestId, FaultKind Fault);

/// <summary>Everything the fault proxies saw and did, and the report of it. Thread-safe.</summary>
public sealed class FaultLog
{
    private readonly List<ProxiedRequest> _requests = [];

    public void Add(ProxiedRequest request)
    {
        lock (_requests)
        {
            _requests.Add(request);
        }
    }

    public IReadOnlyList<ProxiedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public int Injected => Requests.Count(r => r.Fault != FaultKind.None);

    /// <summary>Operations the storage SDKs tried more than once: the request id, the operation and how many tries.</summary>
    public IReadOnlyList<(string Id, string Operation, int Tries)> Retried() =>
        [.. Requests.Where(r => r.ClientRequestId is not null)
            .GroupBy(r => r.ClientRequestId!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => (g.Key, Operation(g.First()), g.Count()))];

    /// <summary>The most tries any one operation took (1 when nothing was retried).</summary>
    public int MaxTries => Requests.Where(r => r.ClientRequestId is not null).GroupBy(r => r.ClientRequestId!, StringComparer.Ordinal).Select(g => g.Count()).DefaultIfEmpty(1).Max();

    private static string Operation(ProxiedRequest r) => $"{r.Service} {r.Method} {r.Resource}";

    /// <summary>What was injected, and what the SDKs retried, per operation.</summary>
    public string Report(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var requests = Requests;
        var text = new StringBuilder();
        var byKind = requests.Where(r => r.Fault != FaultKind.None).GroupBy(r => r.Fault).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Describe(g.Key)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Fault injection (seed {plan.Seed}, {plan.Rate:P0} of requests while on): {requests.Count} requests, {requests.Count(r => r.Fault != FaultKind.None)} faults — {string.Join(", ", byKind)}");
        foreach (var operation in requests.Where(r => r.Fault != FaultKind.None).GroupBy(Operation).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  injected  {operation.Key,-48} {string.Join(", ", operation.GroupBy(r => r.Fault).OrderBy(g => g.Key).Select(g => $"{g.Count()} {Describe(g.Key)}"))}");
        }
        var retried = Retried();
        text.AppendLine(CultureInfo.InvariantCulture, $"Retried by the storage SDKs (the same x-ms-client-request-id again): {retried.Count} operations, at most {MaxTries} tries each");
        foreach (var operation in retried.GroupBy(r => r.Operation).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  retried   {operation.Key,-48} {operation.Count()} operation(s), {operation.Sum(r => r.Tries - 1)} retries, at most {operation.Max(r => r.Tries)} tries");
        }
        return text.ToString();
    }

    private static string Describe(FaultKind kind) => kind switch
    {
        FaultKind.Latency => "delayed",
        FaultKind.Status500 => "× 500",
        FaultKind.Status503 => "× 503",
        FaultKind.ResetBeforeForward => "reset before storage saw them",
        FaultKind.ResetAfterForward => "reset after storage answered (answer lost)",
        _ => "untouched",
    };
}
