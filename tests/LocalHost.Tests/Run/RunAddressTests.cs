using Bankflow.LocalHost.Run;
using Bankflow.LocalHost.Simulators.Sbanken;
using Bankflow.LocalHost.Tests.EndToEnd;

namespace Bankflow.LocalHost.Tests.Run;

/// <summary>
/// Issue #11 §3: Sbanken's redirect URI was fixed at port 7071 with <c>./bankflow run --port 0</c>. The run now resolves
/// the port before anything starts and the redirect names the port the HTTP front actually listens on.
/// </summary>
[Collection(LocalStack.Collection)]
public sealed class RunAddressTests(LocalStack stack)
{
    [Fact]
    public void A_requested_port_is_kept_and_port_0_becomes_a_concrete_free_port()
    {
        Assert.Equal(new Uri("http://127.0.0.1:5123/api/sbanken/callback"), RunAddress.Resolve(5123).SbankenCallback);
        var any = RunAddress.Resolve(0);
        Assert.InRange(any.Port, 1, 65535);
        Assert.Equal(new Uri($"http://127.0.0.1:{any.Port}/api/sbanken/callback"), any.SbankenCallback);
    }

    [Fact]
    public async Task With_port_0_a_browser_following_Sbankens_redirect_reaches_this_runs_callback_and_the_demo_onboards()
    {
        // As RunCommand wires it: resolve, start the simulator with the callback on that port, start the host on that port.
        var address = RunAddress.Resolve(0);
        await using var demo = await SbankenDemo.StartAsync(address.SbankenCallback, CancellationToken.None);
        var host = await stack.StartHostAsync(new Dictionary<string, string>(demo.HandlerSettings), address.Port);
        Assert.Equal(address.BaseAddress, host.Http!.BaseAddress);

        var client = LocalStack.NewClient();
        using var http = stack.Http(host);
        var url = await new OnboardingBrowser(http, stack.FunctionKey, stack.TokenFor(client)).AuthorizationUrlAsync(client.Value);
        var back = await OnboardingBrowser.RedirectBackAsync(url);
        Assert.Equal(new Uri(host.Http.BaseAddress, "api/sbanken/callback").AbsoluteUri, back.GetLeftPart(UriPartial.Path));

        var lines = await demo.RunAsync(host, stack.FunctionKey, stack.TokenFor(client), client, stack.Azurite.ConnectionString, CancellationToken.None);
        var report = string.Join('\n', lines);
        Assert.Contains("onboarding: signed in at Sbanken", report, StringComparison.Ordinal);
        Assert.DoesNotContain("demo stopped", report, StringComparison.Ordinal);
        Assert.Contains("agreement version 1 saved", report, StringComparison.Ordinal);
    }
}
