using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Bankflow.Domain.Access;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Azurite;
using Bankflow.LocalHost.Demo;
using Bankflow.Testing;
using Xunit.Abstractions;

namespace Bankflow.LocalHost.Tests.EndToEnd;

/// <summary>
/// Storage killed in the middle of a run of <c>host</c> (the Functions app on LocalHost): the API degrades to 503 with a
/// reason — health, list, upload — never a generic 500; the trigger loop keeps polling and fires again when Azurite is
/// back on the same port and data folder; and SIGTERM afterwards stops every child with no unhandled exception.
/// </summary>
public sealed class StorageOutageEndToEndTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_outage_answers_503_with_a_reason_triggers_resume_when_storage_returns_and_sigterm_stops_everything()
    {
        var data = Directory.CreateTempSubdirectory("bankflow-outage-").FullName;
        var signingKey = RandomNumberGenerator.GetBytes(32);
        var client = ClientId.Parse("c-" + Guid.NewGuid().ToString("N")[..12]);
        var token = new ClientTokenService(signingKey, TimeProvider.System).Issue("outage-test", [client], TimeSpan.FromMinutes(30));
        var azurite = await AzuriteProcess.StartAsync(RepositoryPaths.Root, new AzuriteOptions { Location = data });
        HostProcess? host = null;
        try
        {
            host = await HostProcess.StartAsync(azurite.ConnectionString, new Dictionary<string, string>
            {
                ["Bankflow__ClientTokenSigningKey"] = Convert.ToBase64String(signingKey),
                ["Bankflow__EnsureStorage"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
            });
            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            HttpRequestMessage Request(HttpMethod method, string path, byte[]? body = null)
            {
                var request = new HttpRequestMessage(method, path) { Content = body is null ? null : new ByteArrayContent(body) };
                request.Headers.Add("x-functions-key", host!.FunctionKey);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return request;
            }

            // Before: a file goes through.
            await UploadAndWaitImportedAsync(http, Request, client, DemoFiles.OcrGiro(new DateOnly(2026, 2, 2), 701), "before.txt", host);
            // Azurite writes its tables and blob lists to the data folder every 5 s: let it save what the run created.
            await Task.Delay(TimeSpan.FromSeconds(6));

            await azurite.KillAsync();

            using (var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative)))
            {
                await AssertUnavailableAsync(health, "health");
            }
            using (var list = await http.SendAsync(Request(HttpMethod.Get, $"/api/clients/{client}/files")))
            {
                await AssertUnavailableAsync(list, "list");
            }
            using (var upload = await http.SendAsync(Request(HttpMethod.Post, $"/api/clients/{client}/files?name=during.txt", DemoFiles.OcrGiro(new DateOnly(2026, 2, 3), 702))))
            {
                await AssertUnavailableAsync(upload, "upload");
            }
            await host.WaitForAsync(l => l.Contains("polling failed", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

            await azurite.RestartAsync();

            // After: the trigger loop is still there and fires for a new file.
            await UploadAndWaitImportedAsync(http, Request, client, DemoFiles.OcrGiro(new DateOnly(2026, 2, 4), 703), "after.txt", host);
            await host.WaitForAsync(l => l.Contains("polling works again", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            using (var health = await http.GetAsync(new Uri("/api/health", UriKind.Relative)))
            {
                Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            }

            await host.TerminateAsync(TimeSpan.FromSeconds(60));
            output.WriteLine(host.Output);
            Assert.Equal(0, host.ExitCode);
            Assert.Contains("Stopped; no process left behind.", host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhandled exception", host.Output, StringComparison.OrdinalIgnoreCase);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (!Worker.HostCommandTests.IsGone(host.WorkerPid) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
            Assert.True(Worker.HostCommandTests.IsGone(host.WorkerPid), "the worker outlived the host's SIGTERM");
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
            await azurite.DisposeAsync();
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: expected 503, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("storage-unavailable", problem.RootElement.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("reason").GetString()), $"{what}: no reason in {body}");
        Assert.NotNull(response.Headers.RetryAfter);
    }

    private static async Task UploadAndWaitImportedAsync(HttpClient http, Func<HttpMethod, string, byte[]?, HttpRequestMessage> request, ClientId client, byte[] file, string name, HostProcess host)
    {
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        // Right after storage returns, the first calls may still meet the outage (503): an ERP would try again.
        while (true)
        {
            using var upload = await http.SendAsync(request(HttpMethod.Post, $"/api/clients/{client}/files?name={name}", file));
            if (upload.StatusCode == HttpStatusCode.Accepted)
            {
                break;
            }
            Assert.True(upload.StatusCode == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline,
                $"upload of {name}: {(int)upload.StatusCode} {await upload.Content.ReadAsStringAsync()}{Environment.NewLine}{host.Output}");
            await Task.Delay(500);
        }
        while (true)
        {
            using var status = await http.SendAsync(request(HttpMethod.Get, $"/api/clients/{client}/files/{sha256}", null));
            var text = await status.Content.ReadAsStringAsync();
            if (status.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(text).RootElement.GetProperty("status").GetString() == "Imported")
            {
                return;
            }
            Assert.True(DateTime.UtcNow < deadline, $"{name} was not imported: {(int)status.StatusCode} {text}{Environment.NewLine}{host.Output}");
            await Task.Delay(250);
        }
    }
}
