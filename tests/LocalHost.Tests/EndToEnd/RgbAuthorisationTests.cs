using System.Net;
using static Bankflow.LocalHost.Tests.EndToEnd.RemittanceTestClient;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// Issue #11 §3: an RgB authorisation recorded whatever the body said (<c>authorisedBy</c> a free string, the token's
/// subject not stored), so the audit trail could name anyone. Now the authoriser is the client token's subject,
/// stored with the signing time, Bankflow's own recording time and the BankID reference; a body naming someone else
/// is refused with 403 and nothing is recorded.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class RgbAuthorisationTests(LocalStack stack)
{
    private static async Task<(RemittanceTestClient Api, string BatchId)> BatchAsync(LocalStack stack, string user)
    {
        var client = LocalStack.NewClient();
        var api = new RemittanceTestClient(stack, client, stack.TokenFor(user, client));
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountA, Dnb())).Status);
        return (api, await api.CreatedBatchIdAsync(Payment(E2E("rgb"), 10m)));
    }

    [Fact]
    public async Task A_body_naming_someone_else_is_403_problem_json_and_nothing_is_recorded()
    {
        var (api, batchId) = await BatchAsync(stack, "kari@regnskap.example");

        var (status, problem, response) = await api.SendAsync(HttpMethod.Post, $"{api.Api}/payment-batches/{batchId}/authorise",
            new { authorisedBy = "Daglig Leder", bankIdReference = "bankid-forged" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("signed-in user", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, batch, _) = await api.BatchAsync(batchId);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, batch.GetProperty("authorisation").ValueKind);
        Assert.Equal("Created", (await api.StatusesAsync(batchId)).Values.Single());
        var header = Assert.Single(await stack.RowsAsync("PaymentBatches", api.Client), r => r.RowKey == batchId || r.GetString("BatchId") == batchId);
        Assert.Null(header.GetString("AuthorisedBy"));
        Assert.Null(header.GetString("BankIdReference"));
    }

    [Fact]
    public async Task The_audit_trail_names_the_tokens_subject_with_the_times_and_the_BankID_reference()
    {
        var (api, batchId) = await BatchAsync(stack, "kari@regnskap.example");
        var before = DateTimeOffset.UtcNow.AddSeconds(-5);

        // No authorisedBy at all: who signed in is who authorised.
        var (status, _, _) = await api.SendAsync(HttpMethod.Post, $"{api.Api}/payment-batches/{batchId}/authorise", new { bankIdReference = "bankid-7f3a" });
        Assert.Equal(HttpStatusCode.OK, status);

        var (_, batch, _) = await api.BatchAsync(batchId);
        var audit = batch.GetProperty("authorisation");
        Assert.Equal("kari@regnskap.example", audit.GetProperty("authorisedBy").GetString());
        Assert.Equal("bankid-7f3a", audit.GetProperty("bankIdReference").GetString());
        var recorded = audit.GetProperty("recordedAt").GetDateTimeOffset();
        Assert.InRange(recorded, before, DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.InRange(audit.GetProperty("authorisedAt").GetDateTimeOffset(), before, recorded.AddSeconds(1));
        Assert.All((await api.StatusesAsync(batchId)).Values, s => Assert.Equal("Authorised", s));

        // What is stored is what was read back: the header row of the batch.
        var header = Assert.Single(await stack.RowsAsync("PaymentBatches", api.Client), r => r.GetString("AuthorisedBy") is not null);
        Assert.Equal("kari@regnskap.example", header.GetString("AuthorisedBy"));
        Assert.Equal("bankid-7f3a", header.GetString("BankIdReference"));
        Assert.Equal(recorded, header.GetDateTimeOffset("AuthorisationRecordedAt"));
    }

    [Fact]
    public async Task The_same_BankID_reference_from_another_user_is_no_retry_but_a_conflict()
    {
        var (kari, batchId) = await BatchAsync(stack, "kari");
        var ola = new RemittanceTestClient(stack, kari.Client, stack.TokenFor("ola", kari.Client));
        var path = $"{kari.Api}/payment-batches/{batchId}/authorise";
        Assert.Equal(HttpStatusCode.OK, (await kari.SendAsync(HttpMethod.Post, path, new { bankIdReference = "bankid-1" })).Status);

        var (status, problem, _) = await ola.SendAsync(HttpMethod.Post, path, new { bankIdReference = "bankid-1" });

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("already authorised by kari", problem.GetProperty("errors").GetProperty("authorisation")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("kari", (await kari.BatchAsync(batchId)).Body.GetProperty("authorisation").GetProperty("authorisedBy").GetString());
    }

    [Fact]
    public async Task A_BankID_reference_that_is_not_an_id_is_refused_with_the_field_named()
    {
        var (api, batchId) = await BatchAsync(stack, "kari");
        var path = $"{api.Api}/payment-batches/{batchId}/authorise";

        var (tooLong, longProblem, _) = await api.SendAsync(HttpMethod.Post, path, new { bankIdReference = new string('x', 201) });
        var (control, controlProblem, _) = await api.SendAsync(HttpMethod.Post, path, new { bankIdReference = "ref\u0000\u202E" });

        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.True(longProblem.GetProperty("errors").TryGetProperty("bankIdReference", out _));
        Assert.Equal(HttpStatusCode.BadRequest, control);
        Assert.True(controlProblem.GetProperty("errors").TryGetProperty("bankIdReference", out _));
        Assert.Equal("Created", (await api.StatusesAsync(batchId)).Values.Single());
    }
}
