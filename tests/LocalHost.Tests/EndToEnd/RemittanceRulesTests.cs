using System.Net;
using System.Text.Json;
using Bankflow.Domain.Calendar;
using static Bankflow.LocalHost.Tests.EndToEnd.RemittanceTestClient;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>The bank's and Bankflow's rules through the HTTP API: bad input is refused with a reason per field or payment, and nothing is saved or sent.</summary>
[Collection(LocalStack.Collection)]
public sealed class RemittanceRulesTests(LocalStack stack)
{
    private RemittanceTestClient NewClient() => new(stack, LocalStack.NewClient());

    [Fact]
    public async Task Handelsbanken_from_2019_12_06_with_RgB_is_refused_per_field_and_not_saved()
    {
        // Seed 000: "krav til ettergodkjenning av alle betalinger … nye avtaler med gyldighet fra 6. desember 2019".
        var api = NewClient();
        var settings = Handelsbanken(approvalMode: "AccountingApproved");
        settings["validFrom"] = "2019-12-06";
        var (status, problem, response) = await api.PutAgreementAsync(AccountA, settings);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("post-approval", Errors(problem, "approvalMode"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, $"{api.Api}/agreements/{AccountA}")).Status);
        Assert.Empty(await stack.RowsAsync("Agreements", api.Client));
    }

    [Fact]
    public async Task Dual_approval_in_the_bank_with_RgB_and_a_wrong_AvtaleID_are_each_reported()
    {
        // Seeds 000/001: "Er avtale i banken satt opp med dobbel godkjenning, kan ikke dette kombineres med regnskapsgodkjente betalinger".
        var api = NewClient();
        var settings = Handelsbanken(approvalMode: "AccountingApproved");
        settings["validFrom"] = "2018-05-02"; // before 2019-12-06: RgB itself is allowed for this old agreement
        settings["dualApprovalInBank"] = true;
        settings["avtaleId"] = "123456785";
        var (status, problem, _) = await api.PutAgreementAsync(AccountA, settings);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("dual approval", Errors(problem, "approvalMode"), StringComparison.Ordinal);
        Assert.Contains(Org, Errors(problem, "avtaleId"), StringComparison.Ordinal);
        Assert.Equal(["approvalMode", "avtaleId"], ErrorFields(problem).Order());
    }

    [Fact]
    public async Task Malformed_settings_name_each_field_with_what_was_expected()
    {
        var api = NewClient();
        var settings = Dnb();
        settings["bank"] = "Nordea";
        settings["validFrom"] = "6.12.2019";
        settings["ledgerAccount"] = "19";
        settings["organisationNumber"] = "974760674";
        settings["dualApprovalInBank"] = "yes";
        var (status, problem, _) = await api.PutAgreementAsync(AccountA, settings);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Handelsbanken", Errors(problem, "bank"), StringComparison.Ordinal);
        Assert.Contains("yyyy-MM-dd", Errors(problem, "validFrom"), StringComparison.Ordinal);
        Assert.Contains("4–8 digits", Errors(problem, "ledgerAccount"), StringComparison.Ordinal);
        Assert.True(problem.GetProperty("errors").TryGetProperty("organisationNumber", out _));
        Assert.Contains("true or false", Errors(problem, "dualApprovalInBank"), StringComparison.Ordinal);

        var (badAccount, accountProblem, _) = await api.PutAgreementAsync(BadAccount, Dnb());
        Assert.Equal(HttpStatusCode.BadRequest, badAccount);
        Assert.True(accountProblem.GetProperty("errors").TryGetProperty("bankAccount", out _));
        Assert.Empty(await stack.RowsAsync("Agreements", api.Client));
    }

    [Fact]
    public async Task A_settings_change_that_breaks_a_rule_is_refused_and_the_saved_settings_stay()
    {
        var api = NewClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountA, Dnb(ledger: "1920"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountB, Dnb(ledger: "1921"))).Status);

        // Seed 002: never the same ledger account (hovedbokskonto) on two bank accounts.
        var (status, problem, _) = await api.PutAgreementAsync(AccountB, Dnb(ledger: "1920"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("8601.11.17947", Errors(problem, "ledgerAccount"), StringComparison.Ordinal);

        // Dual approval added to an RgB account.
        var dual = Dnb(ledger: "1921");
        dual["dualApprovalInBank"] = true;
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PutAgreementAsync(AccountB, dual)).Status);

        var (_, saved, _) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/agreements/{AccountB}");
        Assert.Equal("1921", saved.GetProperty("ledgerAccount").GetString());
        Assert.False(saved.GetProperty("dualApprovalInBank").GetBoolean());
    }

    [Fact]
    public async Task Warnings_are_saved_with_the_settings_and_reach_the_notification_centre()
    {
        // Seed 001: DNB fills in AvtaleID and division when registered; an OCR agreement needs KID invoicing and «Nets Ocr».
        var api = NewClient();
        var settings = Dnb(approvalMode: "PostApproval");
        settings.Remove("avtaleId");
        settings.Remove("dnbDivision");
        settings["ocrAgreement"] = true;
        var (status, body, _) = await api.PutAgreementAsync(AccountA, settings);

        Assert.Equal(HttpStatusCode.OK, status);
        var fields = body.GetProperty("notifications").EnumerateArray().Select(n => n.GetProperty("field").GetString()).Order().ToList();
        Assert.Equal(["avtaleId", "incomingServices", "kidInvoicingEnabled"], fields);
        // One agreement row (and the index row of its ledger account, in the same partition).
        var rows = await stack.RowsAsync("Agreements", api.Client);
        Assert.Single(rows, r => !r.RowKey.StartsWith("ledger|", StringComparison.Ordinal));
        Assert.Equal(AccountA, Assert.Single(rows, r => r.RowKey == "ledger|1920").GetString("BankAccount"));
        var (_, centre, _) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/notifications");
        Assert.Equal(3, centre.EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "AgreementNotice"));

        // Saving the same settings again notifies nothing new.
        await api.PutAgreementAsync(AccountA, settings);
        (_, centre, _) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/notifications");
        Assert.Equal(3, centre.EnumerateArray().Count(n => n.GetProperty("kind").GetString() == "AgreementNotice"));
    }

    [Fact]
    public async Task A_put_based_on_stale_settings_is_412_with_If_Match()
    {
        var api = NewClient();
        var (_, _, first) = await api.PutAgreementAsync(AccountA, Dnb());
        var etag = first.Headers.ETag?.ToString() ?? string.Join("", first.Headers.GetValues("ETag"));
        Assert.False(string.IsNullOrEmpty(etag));

        var (ok, _, second) = await api.PutAgreementAsync(AccountA, Dnb(approvalMode: "PostApproval"), r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(HttpStatusCode.OK, ok);
        var (stale, _, _) = await api.PutAgreementAsync(AccountA, Dnb(), r => r.Headers.TryAddWithoutValidation("If-Match", etag));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale);

        var (_, saved, _) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/agreements/{AccountA}");
        Assert.Equal("PostApproval", saved.GetProperty("approvalMode").GetString());
        Assert.NotEqual(etag, second.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Bad_payments_are_refused_with_a_reason_per_payment_and_nothing_is_saved()
    {
        var api = NewClient();
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountA, Dnb())).Status);
        var saturday = Enumerable.Range(1, 14).Select(d => RemittanceTestClient.Today.AddDays(d)).First(d => d.DayOfWeek == DayOfWeek.Saturday);
        var holiday = Enumerable.Range(1, 365).Select(d => RemittanceTestClient.Today.AddDays(d))
            .First(d => NorwegianBankCalendar.WhyNotBankingDay(d) == NonBankingDayReason.PublicHoliday);
        var dup = E2E("dup");

        var (status, problem, _) = await api.CreateBatchAsync(
            Payment(E2E("ok"), 100m),
            Payment(E2E("acct"), 100m, creditorAccount: BadAccount),
            Payment(E2E("zero"), 0m),
            Payment(E2E("neg"), -5m),
            Payment(E2E("big"), 1_000_000_000m),
            Payment(E2E("dec"), 10.001m),
            Payment(dup, 10m),
            Payment(dup, 20m),
            Payment(E2E("past"), 10m, date: Day(RemittanceTestClient.Today.AddDays(-1))),
            Payment(E2E("sat"), 10m, date: Day(saturday)),
            Payment(E2E("hol"), 10m, date: Day(holiday)),
            Payment(E2E("kid"), 10m, kid: "12345678901"),
            Payment(E2E("debtor"), 10m, debtorAccount: AccountB));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["payments[10].requestedExecutionDate", "payments[11].kid", "payments[12].debtorAccount", "payments[1].creditorAccount",
             "payments[2].amount", "payments[3].amount", "payments[4].amount", "payments[5].amount", "payments[7].endToEndId",
             "payments[8].requestedExecutionDate", "payments[9].requestedExecutionDate"],
            ErrorFields(problem).Order(StringComparer.Ordinal));
        Assert.Contains("positive", Errors(problem, "payments[2].amount"), StringComparison.Ordinal);
        Assert.Contains("999999999.99", Errors(problem, "payments[4].amount"), StringComparison.Ordinal);
        Assert.Contains("more than once", Errors(problem, "payments[7].endToEndId"), StringComparison.Ordinal);
        Assert.Contains("past", Errors(problem, "payments[8].requestedExecutionDate"), StringComparison.Ordinal);
        Assert.Contains("Saturday", Errors(problem, "payments[9].requestedExecutionDate"), StringComparison.Ordinal);
        Assert.Contains("public holiday", Errors(problem, "payments[10].requestedExecutionDate"), StringComparison.Ordinal);
        Assert.Contains("no bank agreement", Errors(problem, "payments[12].debtorAccount"), StringComparison.Ordinal);

        Assert.Empty(await stack.RowsAsync("PaymentBatches", api.Client));
        Assert.Empty(await stack.RowsAsync("Payments", api.Client));
        var (_, list, _) = await api.SendAsync(HttpMethod.Get, $"{api.Api}/payment-batches");
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Unreadable_payment_fields_are_reported_together_with_the_rules_they_break()
    {
        var api = NewClient();
        await api.PutAgreementAsync(AccountA, Dnb());
        var body = $$"""
            {"payments": [
              {"endToEndId": "x1", "debtorAccount": "{{AccountA}}", "creditorName": "A", "creditorAccount": "{{Creditor1}}", "amount": "12,50", "requestedExecutionDate": "{{Day(NextBankingDay)}}", "text": "t"},
              {"endToEndId": 7, "debtorAccount": "{{AccountA}}", "creditorName": "B", "creditorAccount": "{{BadAccount}}", "amount": 1e400, "requestedExecutionDate": "tomorrow", "text": "t"}
            ]}
            """;
        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, $"{api.Api}/payment-batches", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["payments[0].amount", "payments[1].amount", "payments[1].creditorAccount", "payments[1].endToEndId", "payments[1].requestedExecutionDate"],
            ErrorFields(problem).Order(StringComparer.Ordinal));
        Assert.Contains("'.' as decimal separator", Errors(problem, "payments[0].amount"), StringComparison.Ordinal);
        Assert.Contains("must be a string", Errors(problem, "payments[1].endToEndId"), StringComparison.Ordinal);
        Assert.Empty(await stack.RowsAsync("Payments", api.Client));
    }

    [Fact]
    public async Task An_end_to_end_id_used_in_an_earlier_batch_is_refused()
    {
        var api = NewClient();
        await api.PutAgreementAsync(AccountA, Dnb());
        var id = E2E("once");
        await api.CreatedBatchIdAsync(Payment(id, 10m));

        var (status, problem, _) = await api.CreateBatchAsync(Payment(E2E("new"), 10m), Payment(id, 10m));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("used before", Errors(problem, "payments[1].endToEndId"), StringComparison.Ordinal);
        Assert.Single(await stack.RowsAsync("PaymentBatches", api.Client));
    }

    [Fact]
    public async Task An_RgB_batch_is_not_sent_without_authorisation_and_a_post_approval_batch_needs_none()
    {
        var api = NewClient();
        await api.PutAgreementAsync(AccountA, Dnb());
        var rgb = await api.CreatedBatchIdAsync(Payment(E2E("rgb"), 10m));

        var (status, problem, _) = await api.BatchAsync(rgb, "send");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("BankID", Errors(problem, "authorisation"), StringComparison.Ordinal);
        Assert.Empty(await stack.BlobNamesAsync("outbox", api.Client.Value + "/"));
        Assert.Equal("Created", (await api.StatusesAsync(rgb)).Values.Single());

        var post = new RemittanceTestClient(stack, LocalStack.NewClient());
        await post.PutAgreementAsync(AccountA, Handelsbanken());
        var postBatch = await post.CreatedBatchIdAsync(Payment(E2E("post"), 10m));
        var (authorise, refusal, _) = await post.BatchAsync(postBatch, "authorise");
        Assert.Equal(HttpStatusCode.Conflict, authorise);
        Assert.Contains("post-approval", Errors(refusal, "approvalMode"), StringComparison.Ordinal);
        var (sent, batch, _) = await post.BatchAsync(postBatch, "send");
        Assert.Equal(HttpStatusCode.OK, sent);
        Assert.True(batch.GetProperty("requiresOnlineBankApproval").GetBoolean());
        Assert.Equal([$"{post.Client.Value}/handelsbanken/{postBatch}.xml"], await stack.BlobNamesAsync("outbox", post.Client.Value + "/"));
    }

    [Fact]
    public async Task An_authorisation_needs_who_and_the_BankID_reference_and_a_retry_is_harmless()
    {
        // Kari and Ola are two users of the same client; each signs in with a token naming them (#11: the authoriser is the token's subject).
        var client = LocalStack.NewClient();
        var api = new RemittanceTestClient(stack, client, stack.TokenFor("Kari", client));
        var ola = new RemittanceTestClient(stack, client, stack.TokenFor("Ola", client));
        await api.PutAgreementAsync(AccountA, Dnb());
        var batchId = await api.CreatedBatchIdAsync(Payment(E2E("auth"), 10m));
        var path = $"{api.Api}/payment-batches/{batchId}/authorise";

        var (missing, problem, _) = await api.SendAsync(HttpMethod.Post, path, new { authorisedBy = "", authorisedAt = "2026-11-23T09:30:00" });
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Equal(["authorisedAt", "authorisedBy", "bankIdReference"], ErrorFields(problem).Order(StringComparer.Ordinal));
        var (future, futureProblem, _) = await api.SendAsync(HttpMethod.Post, path,
            new { authorisedBy = "Kari", bankIdReference = "ref-1", authorisedAt = DateTimeOffset.UtcNow.AddHours(2).ToString("O") });
        Assert.Equal(HttpStatusCode.BadRequest, future);
        Assert.Contains("future", Errors(futureProblem, "authorisedAt"), StringComparison.Ordinal);
        Assert.Equal("Created", (await api.StatusesAsync(batchId)).Values.Single());

        var first = await api.SendAsync(HttpMethod.Post, path, new { authorisedBy = "Kari", bankIdReference = "ref-1" });
        Assert.Equal(HttpStatusCode.OK, first.Status);
        var retry = await api.SendAsync(HttpMethod.Post, path, new { authorisedBy = "Kari", bankIdReference = "ref-1" });
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.True(retry.Body.GetProperty("repeated").GetBoolean());
        var other = await ola.SendAsync(HttpMethod.Post, path, new { authorisedBy = "Ola", bankIdReference = "ref-2" });
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Contains("already authorised by Kari", Errors(other.Body, "authorisation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_whose_agreement_changed_after_it_was_made_is_not_sent()
    {
        var api = NewClient();
        await api.PutAgreementAsync(AccountA, Dnb(approvalMode: "PostApproval"));
        var batchId = await api.CreatedBatchIdAsync(Payment(E2E("chg"), 10m));
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountA, Dnb(approvalMode: "PostApproval", integrationMode: "FileBased"))).Status);

        var (status, problem, _) = await api.BatchAsync(batchId, "send");
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("FileBased", Errors(problem, "agreement"), StringComparison.Ordinal);
        Assert.Empty(await stack.BlobNamesAsync("outbox", api.Client.Value + "/"));
    }

    [Fact]
    public async Task Another_clients_token_never_reaches_an_agreement_or_a_batch()
    {
        var owner = NewClient();
        await owner.PutAgreementAsync(AccountA, Dnb(approvalMode: "PostApproval"));
        var batchId = await owner.CreatedBatchIdAsync(Payment(E2E("own"), 10m));
        var intruder = new RemittanceTestClient(stack, owner.Client, stack.TokenFor(LocalStack.NewClient()));

        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"{owner.Api}/agreements", null),
            (HttpMethod.Get, $"{owner.Api}/agreements/{AccountA}", null),
            (HttpMethod.Put, $"{owner.Api}/agreements/{AccountA}", Dnb()),
            (HttpMethod.Get, $"{owner.Api}/payment-batches", null),
            (HttpMethod.Post, $"{owner.Api}/payment-batches", new { payments = new[] { Payment(E2E("x"), 1m) } }),
            (HttpMethod.Get, $"{owner.Api}/payment-batches/{batchId}", null),
            (HttpMethod.Post, $"{owner.Api}/payment-batches/{batchId}/authorise", new { authorisedBy = "x", bankIdReference = "y" }),
            (HttpMethod.Post, $"{owner.Api}/payment-batches/{batchId}/send", null),
            (HttpMethod.Get, $"{owner.Api}/payment-batches/{batchId}/file", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            var (status, _, _) = await intruder.SendAsync(method, path, body);
            Assert.True(status == HttpStatusCode.Forbidden, $"{method} {path}: {(int)status}");
        }
        var anonymous = new RemittanceTestClient(stack, owner.Client, "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Get, $"{owner.Api}/payment-batches/{batchId}")).Status);

        Assert.Empty(await stack.BlobNamesAsync("outbox", owner.Client.Value + "/"));
        Assert.Single(await stack.RowsAsync("PaymentBatches", owner.Client));
        Assert.Equal("PostApproval", (await owner.SendAsync(HttpMethod.Get, $"{owner.Api}/agreements/{AccountA}")).Body.GetProperty("approvalMode").GetString());
    }
}
