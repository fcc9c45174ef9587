using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// The Functions host's behaviours LocalHost re-implements, in one place, each beside the Azure behaviour it imitates,
/// so local runs and Azure do not drift. The drivers and the HTTP front use these and nothing else.
/// <list type="bullet">
/// <item><b>Blob receipts</b> — Azure: the blob trigger writes <c>azure-webjobs-hosts/blobreceipts/{hostId}/{function}/{etag}/{container}/{blob}</c>
/// once a blob version is processed, so each version fires once per function. Locally: the same path with host id
/// <c>local</c>, written after the invocation finished (succeeded or poisoned).</item>
/// <item><b>Blob retries and poison</b> — Azure: a failed blob invocation is retried up to <c>maxDequeueCount</c> (5) times,
/// then a message <c>{FunctionId, BlobType, ContainerName, BlobName, ETag}</c> goes to <c>webjobs-blobtrigger-poison</c>.
/// Locally: the same count and message; retries wait <see cref="RetryDelay"/> doubling.</item>
/// <item><b>Queue retries and poison</b> — Azure: a failed message becomes visible again (host.json
/// <c>visibilityTimeout</c>) and after <c>maxDequeueCount</c> (5) deliveries moves to <c>{queue}-poison</c>. Locally: the
/// same, with a doubling visibility delay; messages are plain text (host.json <c>messageEncoding: none</c>).</item>
/// <item><b>Timeouts</b> — Azure: an invocation running past host.json <c>functionTimeout</c> (10 min) is cancelled and
/// fails. Locally: <see cref="LocalHostOptions.InvocationTimeout"/>, then <c>InvocationCancel</c> to the worker and a
/// failed invocation (retried by the trigger's rules).</item>
/// <item><b>Worker crashes</b> — Azure: the host restarts a worker process that exits; invocations in flight fail and
/// triggers retry them. Locally: the same (<see cref="WorkerProcess.EnsureRunningAsync"/>).</item>
/// <item><b>Function keys</b> — Azure: HTTP functions with authLevel <c>function</c> or <c>admin</c> need a key in the
/// <c>x-functions-key</c> header or the <c>code</c> query parameter, else 401 before the worker sees the request;
/// <c>anonymous</c> needs none. Locally: one key (<see cref="LocalHostOptions.FunctionKey"/>), compared in constant time.</item>
/// <item><b>HTTP</b> — Azure: route prefix <c>api</c> (host.json), 100 MB request body limit, unmatched routes 404.
/// Locally: the same; a body over the limit (declared or chunked) is 413 problem+json, one that trickles below
/// <see cref="MinRequestBodyDataRate"/> is 408 problem+json.</item>
/// </list>
/// </summary>
public static class HostRules
{
    public const string ReceiptContainer = "azure-webjobs-hosts";

    public const string BlobPoisonQueue = "webjobs-blobtrigger-poison";

    public const string PoisonSuffix = "-poison";

    public const string RoutePrefix = "api";

    public const long MaxRequestBodyBytes = 100L * 1024 * 1024;

    /// <summary>
    /// A request body must keep to this rate once its grace period is over, else 408 (Kestrel's
    /// <c>MinRequestBodyDataRate</c>; the same default as the worker's <c>Bankflow:Http</c> settings).
    /// </summary>
    public static MinDataRate MinRequestBodyDataRate => new(bytesPerSecond: 4096, gracePeriod: TimeSpan.FromSeconds(10));

    public const string FunctionKeyHeader = "x-functions-key";

    public const string FunctionKeyQuery = "code";

    /// <summary>The receipt blob for one function and blob version.</summary>
    public static string ReceiptName(string function, string etag, string container, string blobName) =>
        $"blobreceipts/local/{function}/{etag.Trim('"')}/{container}/{blobName}";

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1: the first delay, doubling, capped at 64×.</summary>
    public static TimeSpan RetryDelay(TimeSpan first, long failedAttempts) => first * Math.Pow(2, Math.Clamp(failedAttempts - 1, 0, 6));

    /// <summary>Whether a request may reach a function of <paramref name="authLevel"/> (null means the default, function).</summary>
    public static bool RequiresKey(string? authLevel) => !string.Equals(authLevel, "anonymous", StringComparison.OrdinalIgnoreCase);
}
