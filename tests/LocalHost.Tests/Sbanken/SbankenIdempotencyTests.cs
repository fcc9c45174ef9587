using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Simulators.Sbanken;
using Bankflow.LocalHost.Tests.EndToEnd;

namespace Bankflow.LocalHost.Tests.Sbanken;

/// <summary>Completing a Sbanken onboarding with an Idempotency-Key, through the real handler and the simulator.</summary>
[Collection(LocalStack.Collection)]
public sealed class SbankenIdempotencyTests(LocalStack stack) : IAsyncLifetime
{
    private SbankenRig _rig = null!;

    public async Task InitializeAsync() => _rig = await SbankenRig.StartAsync(stack);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    [Fact]
    public async Task A_completion_retried_with_its_key_gets_the_first_answer_and_saves_nothing_again()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var browser = _rig.Browser(client, http);
        var (code, state) = await browser.StartAndSignInAsync(client.Value);
        (await browser.CallbackAsync(code, state)).Dispose();
        var start = _rig.Today.AddDays(-5);
        static string Kroner(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
        var body = JsonSerializer.Serialize(new
        {
            conversionDate = SbankenRig.Day(_rig.Today.AddDays(-30)),
            acceptBalanceDifferences = true,
            accounts = new object[]
            {
                new { accountNumber = SimulatedBank.OperatingAccount, activate = true, ledgerAccount = "1920", services = "both", feeLedgerAccount = "7770", reconciliationStartDate = SbankenRig.Day(start), erpBalance = Kroner(_rig.OpeningBalance(0, start)) },
                new { accountNumber = SimulatedBank.SalaryAccount, activate = true, ledgerAccount = "1921", services = "remittance", feeLedgerAccount = "7770" },
                new { accountNumber = SimulatedBank.TaxAccount, activate = true, ledgerAccount = "1950", services = "reconciliation", feeLedgerAccount = "7770", reconciliationStartDate = SbankenRig.Day(start), erpBalance = Kroner(_rig.OpeningBalance(2, start)) },
            },
            salaryAccount = SimulatedBank.SalaryAccount,
            operatingAccount = SimulatedBank.OperatingAccount,
            taxWithholdingAccount = SimulatedBank.TaxAccount,
        });
        var key = Guid.NewGuid().ToString();

        async Task<(HttpStatusCode Status, string Body, bool Replayed)> CompleteAsync(string? withKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/clients/{client.Value}/sbanken/onboarding/complete")
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("x-functions-key", stack.FunctionKey);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stack.TokenFor(client));
            if (withKey is not null)
            {
                request.Headers.Add("Idempotency-Key", withKey);
            }
            using var response = await http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Contains("Idempotency-Replayed"));
        }

        var first = await CompleteAsync(key);
        var retry = await CompleteAsync(key);
        var versionAfterRetry = Assert.Single(await stack.RowsAsync("SbankenAgreements", client)).GetInt32("Version");
        var withoutKey = await CompleteAsync(null);

        Assert.True(first.Status == HttpStatusCode.OK, first.Body);
        Assert.Equal(1, JsonDocument.Parse(first.Body).RootElement.GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.True(retry.Replayed);
        Assert.Equal(first.Body, retry.Body);
        Assert.Equal(1, versionAfterRetry);
        // The same completion without the key is run again: the agreement is saved a second time.
        Assert.Equal(HttpStatusCode.OK, withoutKey.Status);
        Assert.Equal(2, JsonDocument.Parse(withoutKey.Body).RootElement.GetProperty("version").GetInt32());
    }
}
