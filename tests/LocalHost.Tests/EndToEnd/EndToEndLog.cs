using System.Collections.Concurrent;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// Every log line of the end-to-end suite — each host's own lines and the worker's relayed ones, from every
/// <see cref="LocalStack"/> host and every <c>host</c> process the tests start — and the secrets those runs used,
/// for <see cref="LogScanTests"/>.
/// </summary>
public static class EndToEndLog
{
    private static readonly ConcurrentQueue<string> Lines = new();
    private static readonly ConcurrentDictionary<string, byte> Secrets = new(StringComparer.Ordinal);

    public static void Add(string line) => Lines.Enqueue(line);

    public static void AddSecret(string secret) => Secrets.TryAdd(secret, 0);

    public static IReadOnlyList<string> All => [.. Lines];

    public static IReadOnlyList<string> KnownSecrets => [.. Secrets.Keys];
}
