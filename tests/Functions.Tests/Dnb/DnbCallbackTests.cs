using System.Text;
using Bankflow.Domain.Remittance;
using Bankflow.Functions.Infrastructure;
using Bankflow.Functions.Notifications;
using Bankflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using static Bankflow.Functions.Tests.Dnb.DnbRig;

namespace Bankflow.Functions.Tests.Dnb;

/// <summary>
/// <c>POST /api/dnb/callback</c> on Azurite: the signature and replay checks, every refusal (with the tables unchanged),
/// the idempotent repeat, the agreement filled, the notifications, the KID mismatch, a failed order and the RgB switch.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class DnbCallbackTests(AzuriteFixture azurite)
{
    private static readonly string[] Both = ["remittance", "reconciliation"];

    private async Task<(DnbRig Rig, string OrderId, string State)> OrderedAsync(bool ocr = false)
    {
        var rig = await StartAsync(azurite);
        await rig.RegisterAsync(DnbAccounts[0], "1920");
        await rig.RegisterAsync(DnbAccounts[1], "1921");
        var (orderId, state) = await rig.OrderOkAsync((DnbAccounts[0], ocr ? ["remittance", "ocr", "reconciliation"] : Both, false), (DnbAccounts[1], ["reconciliation"], false));
        return (rig, orderId, state);
    }

    private async Task<List<Notification>> NotificationsAsync(DnbRig rig) =>
        [.. await rig.App.Services.GetRequiredService<NotificationStore>().ListAsync(rig.Client, includeAcknowledged: true, 100, CancellationToken.None)];

    [Fact]
    public async Task Seed_001_the_callback_fills_AvtaleID_and_division_leaves_the_Nets_OCR_AvtaleID_empty_and_notifies_the_administrator()
    {
        var (rig, orderId, state) = await OrderedAsync();
        await using var _ = rig;

        var answer = await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null)));

        Assert.Equal(200, answer.Status);
        Assert.Equal("registered", answer.Json.GetProperty("status").GetString());
        Assert.False(answer.Json.GetProperty("duplicate").GetBoolean());
        var first = (await rig.AgreementAsync(DnbAccounts[0])).Agreement;
        Assert.Equal("4410087700", first.AvtaleId);
        Assert.Equal(new DnbDivision("Bedrift Oslo", "0551"), first.DnbDivision);
        Assert.Null(first.NetsOcrAvtaleId);
        Assert.Equal(Bank.Dnb, first.Bank);
        Assert.Equal("4410087701", (await rig.AgreementAsync(DnbAccounts[1])).Agreement.AvtaleId);
        var notes = await NotificationsAsync(rig);
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.Equal(NotificationSeverity.Information, n.Severity));
        Assert.Contains(notes, n => n.Title == "DNB agreement registered for 1503.20.00018: remittance, reconciliation");
        Assert.Contains(notes, n => n.Title == "DNB agreement registered for 1503.20.00026: reconciliation");
        var order = (await rig.GetOrderAsync(orderId)).Json;
        Assert.Equal("registered", order.GetProperty("status").GetString());
        Assert.Equal(0, order.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task The_same_callback_twice_changes_nothing_the_second_time()
    {
        var (rig, _, state) = await OrderedAsync();
        await using var __ = rig;
        var body = Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null));
        var at = rig.Now;
        Assert.Equal(200, (await rig.CallbackAsync(body, at)).Status);
        var after = await rig.SnapshotAsync();

        rig.Clock.Advance(TimeSpan.FromMinutes(1));
        var again = await rig.CallbackAsync(body, at);

        Assert.Equal(200, again.Status);
        Assert.True(again.Json.GetProperty("duplicate").GetBoolean());
        Assert.Equal(after, await rig.SnapshotAsync());
        // DNB resending it (same id, same content, a new signature) is the same callback.
        Assert.True((await rig.CallbackAsync(body)).Json.GetProperty("duplicate").GetBoolean());
        Assert.Equal(after, await rig.SnapshotAsync());
    }

    [Fact]
    public async Task The_state_is_single_use_another_callback_for_a_completed_order_is_409_and_writes_nothing()
    {
        var (rig, _, state) = await OrderedAsync();
        await using var __ = rig;
        Assert.Equal(200, (await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null)))).Status);
        var before = await rig.SnapshotAsync();

        Assert.Equal(409, (await rig.CallbackAsync(Registered(state, "cb-2", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null)))).Status);
        // The same callback id with other content is not a repeat either.
        Assert.Equal(409, (await rig.CallbackAsync(Failed(state, "cb-1", "changed our mind"))).Status);
        Assert.Equal(before, await rig.SnapshotAsync());
    }

    [Fact]
    public async Task Without_a_valid_signature_it_is_401_and_nothing_is_written()
    {
        var (rig, _, state) = await OrderedAsync();
        await using var __ = rig;
        var body = Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null));
        var before = await rig.SnapshotAsync();

        var unsigned = await rig.CallbackAsync(body, sign: false);
        var wrongSecret = await rig.CallbackAsync(body, secret: "another-secret-that-is-long-enough-0123456789");

        Assert.Equal(401, unsigned.Status);
        Assert.Contains("X-Bankflow-Signature", unsigned.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, wrongSecret.Status);
        Assert.Equal("the callback's signature does not match", wrongSecret.Json.GetProperty("detail").GetString());
        // An altered body under the original signature.
        var signedContext = rig.App.Request("POST", "/api/dnb/callback", null, new MemoryStream(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("4410087700", "9999999999", StringComparison.Ordinal))));
        signedContext.Request.Headers[Domain.Dnb.DnbCallbackSignature.TimestampHeader] = rig.Now.ToString(System.Globalization.CultureInfo.InvariantCulture);
        signedContext.Request.Headers[Domain.Dnb.DnbCallbackSignature.SignatureHeader] = Domain.Dnb.DnbCallbackSignature.Sign(Encoding.UTF8.GetBytes(Secret), rig.Now, body);
        Assert.Equal(401, (await Infrastructure.TestApp.AnswerAsync(signedContext, rig.App.Function<Endpoints.DnbCallback.DnbCallbackFunction>().RunAsync(signedContext.Request))).Status);
        Assert.Equal(before, await rig.SnapshotAsync());
    }

    [Fact]
    public async Task A_correctly_signed_callback_older_or_newer_than_five_minutes_is_a_replay_401()
    {
        var (rig, _, state) = await OrderedAsync();
        await using var __ = rig;
        var body = Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null));
        var before = await rig.SnapshotAsync();

        var old = await rig.CallbackAsync(body, rig.Now - 301);
        var future = await rig.CallbackAsync(body, rig.Now + 301);

        Assert.Equal(401, old.Status);
        Assert.Contains("replay", old.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(401, future.Status);
        Assert.Equal(before, await rig.SnapshotAsync());
        Assert.Equal(200, (await rig.CallbackAsync(body, rig.Now - 299)).Status);
    }

    [Fact]
    public async Task An_unknown_order_is_404_and_an_expired_one_410_and_neither_writes()
    {
        var (rig, orderId, state) = await OrderedAsync();
        await using var __ = rig;
        var before = await rig.SnapshotAsync();
        string Other(string s) => s[..^4] + (s[^4..] == "AAAA" ? "BBBB" : "AAAA");

        Assert.Equal(404, (await rig.CallbackAsync(Registered(Other(state), "cb-1", (DnbAccounts[0], null, null)))).Status);
        Assert.Equal(404, (await rig.CallbackAsync(Registered(state.Replace(orderId, "0123456789abcdef", StringComparison.Ordinal), "cb-1", (DnbAccounts[0], null, null)))).Status);
        Assert.Equal(404, (await rig.CallbackAsync(Registered("not-a-state", "cb-1", (DnbAccounts[0], null, null)))).Status);
        Assert.Equal(before, await rig.SnapshotAsync());

        rig.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));
        var expired = await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null)));
        Assert.Equal(410, expired.Status);
        Assert.Equal(before, await rig.SnapshotAsync());
    }

    [Fact]
    public async Task An_account_not_in_the_order_or_one_missing_is_400_and_nothing_is_written()
    {
        var (rig, _, state) = await OrderedAsync();
        await using var __ = rig;
        await rig.RegisterAsync(DnbAccounts[2], "1922");
        var before = await rig.SnapshotAsync();

        var stranger = await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null), (DnbAccounts[2], null, null)));
        var missing = await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], null, null)));

        Assert.Equal(400, stranger.Status);
        Assert.Contains("is not in order", stranger.Json.GetProperty("errors").GetProperty("accounts[2].accountNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(400, missing.Status);
        Assert.Contains("missing", missing.Json.GetProperty("errors").GetProperty("accounts")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await rig.SnapshotAsync());
    }

    [Fact]
    public async Task Seed_001_a_KID_mismatch_saves_the_agreement_and_writes_an_error_notification_saying_what_to_change()
    {
        var (rig, orderId, state) = await OrderedAsync(ocr: true);
        await using var __ = rig;

        var answer = await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], 10, "mod11"), (DnbAccounts[1], null, null)));

        Assert.Equal(200, answer.Status);
        var agreement = (await rig.AgreementAsync(DnbAccounts[0])).Agreement;
        Assert.Equal("4410087700", agreement.AvtaleId);
        Assert.True(agreement.OcrAgreement);
        Assert.Null(agreement.NetsOcrAvtaleId);
        var error = Assert.Single(await NotificationsAsync(rig), n => n.Severity == NotificationSeverity.Error);
        Assert.Equal("DnbKidMismatch", error.Kind);
        Assert.Contains("1503.20.00018", error.Title, StringComparison.Ordinal);
        Assert.Contains("change the KID setup in the invoice settings to 10 digits, MOD11", error.Message, StringComparison.Ordinal);
        Assert.Contains("KID setup", (await rig.GetOrderAsync(orderId)).Json.GetProperty("problems")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_matching_KID_setup_gives_no_error_and_OCR_without_its_KID_setup_is_400()
    {
        var (rig, _, state) = await OrderedAsync(ocr: true);
        await using var __ = rig;

        Assert.Equal(400, (await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], null, null), (DnbAccounts[1], null, null)))).Status);
        Assert.Equal(200, (await rig.CallbackAsync(Registered(state, "cb-1", (DnbAccounts[0], 9, "mod10"), (DnbAccounts[1], null, null)))).Status);
        Assert.DoesNotContain(await NotificationsAsync(rig), n => n.Severity == NotificationSeverity.Error);
    }

    [Fact]
    public async Task A_failed_order_keeps_the_settings_records_the_reason_and_notifies_an_error()
    {
        var (rig, orderId, state) = await OrderedAsync();
        await using var __ = rig;
        var settings = await rig.RowsAsync(StorageNames.AgreementsTable);

        var answer = await rig.CallbackAsync(Failed(state, "cb-9", "the account authority (kontofullmakt) was not signed"));

        Assert.Equal(200, answer.Status);
        Assert.Equal("failed", answer.Json.GetProperty("status").GetString());
        var order = (await rig.GetOrderAsync(orderId)).Json;
        Assert.Equal("failed", order.GetProperty("status").GetString());
        Assert.Equal("the account authority (kontofullmakt) was not signed", order.GetProperty("reason").GetString());
        Assert.Equal(settings.Select(r => r.ETag), (await rig.RowsAsync(StorageNames.AgreementsTable)).Select(r => r.ETag));
        var error = Assert.Single(await NotificationsAsync(rig));
        Assert.Equal(NotificationSeverity.Error, error.Severity);
        Assert.Contains("kontofullmakt", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_001_the_RgB_late_order_switches_the_agreement_to_accounting_approved_payments()
    {
        await using var rig = await StartAsync(azurite);
        await rig.RegisterAsync(DnbAccounts[0], "1920", a => a with { AvtaleId = "4410087700", DnbDivision = new DnbDivision("Bedrift Oslo", "0551") });
        var (_, state) = await rig.OrderOkAsync((DnbAccounts[0], [], true));

        Assert.Equal(200, (await rig.CallbackAsync(Registered(state, "cb-rgb", (DnbAccounts[0], null, null)))).Status);

        var agreement = (await rig.AgreementAsync(DnbAccounts[0])).Agreement;
        Assert.Equal(ApprovalMode.AccountingApproved, agreement.ApprovalMode);
        Assert.Contains(await NotificationsAsync(rig), n => n.Title.Contains("accounting-approved payments (RgB)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unconfigured_installation_answers_503_and_a_body_that_is_not_json_400()
    {
        await using var bare = await StartAsync(azurite, configured: false);
        Assert.Equal(503, (await bare.CallbackAsync("{}"u8.ToArray())).Status);

        await using var rig = await StartAsync(azurite);
        Assert.Equal(400, (await rig.CallbackAsync("not json"u8.ToArray())).Status);
        var fields = await rig.CallbackAsync("""{"status": "maybe"}"""u8.ToArray());
        Assert.Equal(["callbackId", "state", "status"], fields.Json.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}
