using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bankflow.LocalHost.Simulators.Sbanken;
using Bankflow.LocalHost.Tests.EndToEnd;

namespace Bankflow.LocalHost.Tests.Sbanken;

/// <summary>
/// Issue #11 §3, through the real handler, the host stand-in, Azurite and the simulator (which enforces PKCE S256 and
/// binds each code to the client, redirect URI and challenge of the sign-in it was issued to): a code from one
/// sign-in cannot be redeemed with another sign-in's state, and a state is redeemed once even when callbacks race.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class SbankenSignInBindingTests(LocalStack stack) : IAsyncLifetime
{
    private SbankenRig _rig = null!;

    public async Task InitializeAsync() => _rig = await SbankenRig.StartAsync(stack);

    public async Task DisposeAsync() => await _rig.DisposeAsync();

    private async Task<List<string>> PendingRowsAsync(Bankflow.Domain.Values.ClientId client) =>
        (await stack.RowsAsync("SbankenOnboarding", client)).Select(r => r.RowKey).Where(k => k.StartsWith("pending-", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task A_code_from_Bs_sign_in_redeemed_with_Cs_state_is_refused_cleanly_and_nothing_is_written_to_Cs_pending_onboarding()
    {
        var b = LocalStack.NewClient();
        var c = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var browserB = _rig.Browser(b, http);
        var browserC = _rig.Browser(c, http);

        // B signs in at Sbanken; the code in B's redirect is lifted. C starts a sign-in of its own and uses its state with B's code.
        var (codeB, _) = await browserB.StartAndSignInAsync(b.Value);
        var urlC = await browserC.AuthorizationUrlAsync(c.Value);
        var stateC = Query(urlC)["state"];

        using (var attack = await browserC.CallbackAsync(codeB, stateC))
        {
            Assert.Equal(HttpStatusCode.BadRequest, attack.StatusCode);
            Assert.Equal("application/problem+json", attack.Content.Headers.ContentType?.MediaType);
            var problem = await attack.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("did not accept the authorisation code for this sign-in", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
        }

        Assert.Empty(await PendingRowsAsync(c));
        using (var accounts = await browserC.AccountsAsync(c.Value))
        {
            Assert.Equal(HttpStatusCode.NotFound, accounts.StatusCode);
        }
        // C's state was used up by the attempt: one use, whatever came of it.
        var (codeC, _) = await OnboardingBrowser.SignInAtSbankenAsync(urlC);
        using (var again = await browserC.CallbackAsync(codeC, stateC))
        {
            Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        }
        Assert.Empty(await PendingRowsAsync(c));

        // A fresh sign-in of C's own goes through and offers the accounts.
        var (ownCode, ownState) = await browserC.StartAndSignInAsync(c.Value);
        using (var own = await browserC.CallbackAsync(ownCode, ownState))
        {
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }
        Assert.Single(await PendingRowsAsync(c));
    }

    [Fact]
    public async Task Callbacks_racing_with_one_state_let_exactly_one_through()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var browser = _rig.Browser(client, http);
        var (code, state) = await browser.StartAndSignInAsync(client.Value);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var response = await browser.CallbackAsync(code, state);
            return response.StatusCode;
        }));

        Assert.Single(answers, s => s == HttpStatusCode.OK);
        Assert.All(answers.Where(s => s != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Single(await PendingRowsAsync(client));
    }

    [Fact]
    public async Task The_authorisation_url_carries_an_S256_challenge_and_the_state_row_keeps_only_a_hash_of_the_state()
    {
        var client = LocalStack.NewClient();
        using var http = stack.Http(_rig.Host);
        var url = await _rig.Browser(client, http).AuthorizationUrlAsync(client.Value);
        var query = Query(url);

        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Equal(43, query["code_challenge"].Length);
        var row = Assert.Single(await stack.RowsAsync("SbankenOnboarding", client));
        var secret = query["state"][(client.Value.Length + 1)..];
        Assert.DoesNotContain(row.Keys, k => row[k]?.ToString()?.Contains(secret, StringComparison.Ordinal) == true);
        Assert.DoesNotContain(secret, row.RowKey, StringComparison.Ordinal);
        Assert.Equal(query["code_challenge"], Bankflow.Domain.Access.Pkce.Challenge(row.GetString("CodeVerifier")));
    }

    private static Dictionary<string, string> Query(Uri url) => url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => p[0], p => Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""), StringComparer.Ordinal);
}
