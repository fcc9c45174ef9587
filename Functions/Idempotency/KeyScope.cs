using Bankflow.Domain.Values;

namespace Bankflow.Functions.Idempotency;

/// <summary>Which key of which client a request names, and the headers that are part of its fingerprint.</summary>
internal sealed record KeyScope(ClientId Client, string KeyHash, IReadOnlyList<string> FingerprintHeaders);
