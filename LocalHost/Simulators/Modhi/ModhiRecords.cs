using System.Text.Json;

namespace Bankflow.LocalHost.Simulators.Modhi;

/// <summary>A case in the simulated agency's own books: what Bankflow handed over, the case number Modhi gave it, where it stands.</summary>
public sealed record ModhiCase(Guid ClientKey, string InvoiceId, string InvoiceNumber, string? Kid, string DebtorName, long Amount, string DueDate, string CaseNumber)
{
    public string Status { get; init; } = "registered";
}

/// <summary>A settlement Modhi sent (amounts in øre; <see cref="Net"/> = principal + interest − commission − fees) and Bankflow's answer.</summary>
public sealed record ModhiSettlement(string SettlementId, string InvoiceId, DateOnly Date, long Principal, long Interest, long Commission, long Fees, long Net,
    string PaymentReference, ModhiAnswer Answer);

/// <summary>
/// One request the simulator sent, as signed (timestamp, signature, Idempotency-Key, body bytes), and Bankflow's answer. Kept
/// so a test can send the very same bytes again (a replay) or look at what was signed.
/// </summary>
public sealed record ModhiSentRequest(Guid ClientKey, string Method, string PathAndQuery, string IdempotencyKey, long Timestamp, string Signature, byte[] Body,
    ModhiAnswer Answer);

/// <summary>Bankflow's answer to one agency call: status and body (JSON when there is one).</summary>
public sealed record ModhiAnswer(int Status, string Body)
{
    public JsonElement Json => Body.Length == 0 ? default : JsonDocument.Parse(Body).RootElement.Clone();

    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>A problem+json's detail (or the body), for a report line.</summary>
    public string Detail
    {
        get
        {
            try
            {
                return Json.TryGetProperty("detail", out var detail) ? detail.GetString() ?? Body : Body;
            }
            catch (JsonException)
            {
                return Body;
            }
        }
    }
}

/// <summary>What a test may break in one signed call, to see Bankflow refuse it.</summary>
public enum ModhiTamper
{
    None,

    /// <summary>Signed, then one byte of the body changed on the way.</summary>
    Body,

    /// <summary>Signed with another secret than the one Bankflow holds for Modhi.</summary>
    Secret,

    /// <summary>Signed with a timestamp six minutes old (outside the five-minute window).</summary>
    OldTimestamp,
}
