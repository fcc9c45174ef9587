using Bankflow.Domain.Dnb;
using static Bankflow.Domain.Tests.Dnb.DnbGiven;

namespace Bankflow.Domain.Tests.Dnb;

public sealed class DnbWizardLinkTests
{
    private static Dictionary<string, string> Query(Uri uri) => uri.Query.TrimStart('?').Split('&')
        .Select(p => p.Split('=', 2)).ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p[1]), StringComparer.Ordinal);

    [Fact]
    public void The_link_carries_state_accounts_services_RgB_and_KID_setup_and_reads_back()
    {
        var request = new DnbWizardRequest("client-a.0123abcd.s3cr/t+x", [Line(Accounts[0], DnbServices.Remittance | DnbServices.Ocr), Line(Accounts[1], DnbServices.None, rgb: true)], Kid9Mod10);

        var uri = DnbWizardLink.Build(new Uri("https://dnb.example/bestilling?erp=bankflow"), request);

        Assert.StartsWith("https://dnb.example/bestilling?erp=bankflow&state=", uri.ToString(), StringComparison.Ordinal);
        var query = Query(uri);
        Assert.Equal("15032000018:remittance+ocr,15032000026:rgb", query["accounts"]);
        Assert.Equal("9-mod10", query["kid"]);
        var read = DnbWizardLink.Read(query)!;
        Assert.Equal(request.State, read.State);
        Assert.Equal(request.Lines, read.Lines);
        Assert.Equal(Kid9Mod10, read.KidSetup);
    }

    [Fact]
    public void A_link_without_state_or_with_an_unknown_service_is_not_read()
    {
        Assert.Null(DnbWizardLink.Read(new Dictionary<string, string> { ["accounts"] = "15032000018:remittance" }));
        Assert.Null(DnbWizardLink.Read(new Dictionary<string, string> { ["state"] = "s", ["accounts"] = "15032000018:payroll" }));
        Assert.Null(DnbWizardLink.Read(new Dictionary<string, string> { ["state"] = "s", ["accounts"] = "15032000019:remittance" }));
    }
}
