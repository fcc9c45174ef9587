using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using static Bankflow.LocalHost.Tests.EndToEnd.RemittanceTestClient;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// Idempotency-Key through the whole stack (LocalHost's front, the worker's Kestrel, Azurite): the replay arrives byte
/// for byte through the front, racing requests create one batch, an upload retried with its key commits one blob.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class IdempotencyEndToEndTests(LocalStack stack)
{
    private sealed record Reply(HttpStatusCode Status, byte[] Body, string? ContentType, string? Location, bool Replayed);

    private async Task<Reply> SendAsync(RemittanceTestClient api, string path, string? key, HttpContent? content)
    {
        using var http = stack.Http();
        using var request = stack.Request(HttpMethod.Post, path, stack.FunctionKey, api.Token, content);
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }
        using var response = await http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType,
            response.Headers.Location?.ToString(), response.Headers.TryGetValues("Idempotency-Replayed", out var replayed) && replayed.Single() == "true");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<RemittanceTestClient> ClientWithAgreementAsync(LocalStack stack)
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        Assert.Equal(HttpStatusCode.OK, (await api.PutAgreementAsync(AccountA, Dnb(approvalMode: "PostApproval"))).Status);
        return api;
    }

    [Fact]
    public async Task A_create_retried_with_its_key_gets_the_first_201_byte_for_byte_and_another_body_422()
    {
        var api = await ClientWithAgreementAsync(stack);
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { payments = new[] { Payment(E2E("idem"), 125.50m) } });

        var first = await SendAsync(api, $"{api.Api}/payment-batches", key, Json(body));
        var retry = await SendAsync(api, $"{api.Api}/payment-batches", key, Json(body));
        var other = await SendAsync(api, $"{api.Api}/payment-batches", key, Json(body.Replace("125.5", "125.6", StringComparison.Ordinal)));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.False(first.Replayed);
        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(first.Location, retry.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("application/problem+json", other.ContentType);
        Assert.Single(await stack.RowsAsync("PaymentBatches", api.Client));
    }

    [Fact]
    public async Task Twenty_creates_racing_with_one_key_make_one_batch()
    {
        var api = await ClientWithAgreementAsync(stack);
        var key = Guid.NewGuid().ToString();
        var body = JsonSerializer.Serialize(new { payments = new[] { Payment(E2E("race"), 10m), Payment(E2E("race"), 20m) } });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await gate.Task;
            return await SendAsync(api, $"{api.Api}/payment-batches", key, Json(body));
        })).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(calls);

        var executed = Assert.Single(answers, r => r.Status == HttpStatusCode.Created && !r.Replayed);
        Assert.All(answers.Where(r => r != executed), r => Assert.True(r.Status == HttpStatusCode.Conflict || (r.Replayed && r.Body.SequenceEqual(executed.Body)), r.Status.ToString()));
        Assert.Single(await stack.RowsAsync("PaymentBatches", api.Client));
    }

    [Fact]
    public async Task An_upload_retried_with_its_key_gets_the_first_202_and_commits_one_blob()
    {
        var api = new RemittanceTestClient(stack, LocalStack.NewClient());
        var key = Guid.NewGuid().ToString();
        var file = RandomNumberGenerator.GetBytes(40_000);
        ByteArrayContent Content()
        {
            var content = new ByteArrayContent(file);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return content;
        }

        var first = await SendAsync(api, $"{api.Api}/files?name=retur.txt", key, Content());
        var retry = await SendAsync(api, $"{api.Api}/files?name=retur.txt", key, Content());

        Assert.Equal(HttpStatusCode.Accepted, first.Status);
        Assert.Equal(HttpStatusCode.Accepted, retry.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Body, retry.Body);
        Assert.Single(await stack.BlobNamesAsync("inbox", api.Client.Value + "/"));
    }
}
