using System.Text;

namespace Bankflow.Functions.Dnb;

/// <summary>
/// <c>Bankflow:Dnb:*</c> settings. The callback secret is shared with DNB (one per bank) and comes from Key Vault in
/// Azure (a Key Vault reference app setting) and from the simulator in local runs; it is never logged. Without a wizard
/// URL and a secret of at least 32 bytes the DNB functions answer 503.
/// </summary>
public sealed class DnbOptions
{
    /// <summary>At least this many bytes of secret for an HMAC-SHA256 key (its block is 64, its output 32).</summary>
    public const int MinimumSecretBytes = 32;

    /// <summary>DNB's ordering wizard (bestillingsveileder) in the online bank; the order link is built on it.</summary>
    public Uri? WizardUrl { get; set; }

    /// <summary>The secret DNB signs its callbacks with (HMAC-SHA256), as text.</summary>
    public string? CallbackSecret { get; set; }

    /// <summary>
    /// How long an order waits for DNB's callback. DNB registers an order "normally within the day" (seed 001), after
    /// the accountant has finished the wizard; two weeks leave room for signing. A callback after this is refused.
    /// </summary>
    public TimeSpan OrderLifetime { get; set; } = TimeSpan.FromDays(14);

    public bool IsConfigured => WizardUrl is not null && SecretBytes.Length >= MinimumSecretBytes;

    internal byte[] SecretBytes => Encoding.UTF8.GetBytes(CallbackSecret ?? "");
}
