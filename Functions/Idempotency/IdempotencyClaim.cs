using Microsoft.AspNetCore.Http;

namespace Bankflow.Functions.Idempotency;

/// <summary>
/// One request's hold on its Idempotency-Key. An operation that streams its body (an upload) calls
/// <see cref="TryClaimAsync"/> once it knows the body's SHA-256 and before it changes anything: null means the key is
/// this request's and it goes on; an answer means it must stop and return that answer (the first request's replayed,
/// 409 or 422), having changed nothing. Without a key, <see cref="TryClaimAsync"/> always says go on.
/// </summary>
public sealed class IdempotencyClaim
{
    private readonly IdempotencyGate? _gate;
    private readonly HttpContext? _context;

    internal IdempotencyClaim(IdempotencyGate? gate, HttpContext? context, KeyScope? scope)
    {
        _gate = gate;
        _context = context;
        Scope = scope;
    }

    /// <summary>For a request without a key.</summary>
    internal static IdempotencyClaim None { get; } = new(null, null, null);

    internal KeyScope? Scope { get; }

    /// <summary>The claimed record, once this request holds the key.</summary>
    internal IdempotencyRecord? Held { get; set; }

    public Task<IResult?> TryClaimAsync(string bodySha256, CancellationToken cancellationToken)
    {
        if (_gate is null || _context is null || Scope is null)
        {
            return Task.FromResult<IResult?>(null);
        }
        if (Held is not null)
        {
            throw new InvalidOperationException("the key is already claimed by this request");
        }
        return _gate.ClaimAsync(this, _context, bodySha256, cancellationToken);
    }
}
