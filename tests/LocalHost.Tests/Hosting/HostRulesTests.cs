using Bankflow.LocalHost.Hosting;
using Bankflow.LocalHost.Hosting.Rpc.Messages;

namespace Bankflow.LocalHost.Tests.Hosting;

public sealed class HostRulesTests
{
    [Theory]
    [InlineData(1, 100)]
    [InlineData(2, 200)]
    [InlineData(4, 800)]
    [InlineData(7, 6400)]
    [InlineData(50, 6400)] // capped at 64×
    public void Retries_wait_a_doubling_delay(long failedAttempts, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), HostRules.RetryDelay(TimeSpan.FromMilliseconds(100), failedAttempts));

    [Theory]
    [InlineData(null, true)]
    [InlineData("Function", true)]
    [InlineData("admin", true)]
    [InlineData("Anonymous", false)]
    public void Only_anonymous_functions_go_without_a_key(string? level, bool required) => Assert.Equal(required, HostRules.RequiresKey(level));

    [Fact]
    public void Receipts_are_per_function_and_blob_version() =>
        Assert.Equal("blobreceipts/local/Import/0x8D1/inbox/a/b.txt", HostRules.ReceiptName("Import", "\"0x8D1\"", "inbox", "a/b.txt"));

    [Theory]
    [InlineData(RpcLog.Types.Level.Information, "Contract.Queue", true)]
    [InlineData(RpcLog.Types.Level.Information, "Bankflow.Intake", true)]
    [InlineData(RpcLog.Types.Level.Information, "Microsoft.AspNetCore.Hosting.Diagnostics", false)]
    [InlineData(RpcLog.Types.Level.Information, "System.Net.Http.HttpClient.Default", false)]
    [InlineData(RpcLog.Types.Level.Warning, "Microsoft.AspNetCore.Server.Kestrel", true)]
    [InlineData(RpcLog.Types.Level.Warning, "Microsoft.AspNetCore.DataProtection.Repositories.FileSystemXmlRepository", false)]
    [InlineData(RpcLog.Types.Level.Error, "Microsoft.AspNetCore.DataProtection.KeyManagement", true)]
    [InlineData(RpcLog.Types.Level.Debug, "Bankflow.Intake", false)]
    public void Worker_logs_keep_warnings_and_the_apps_own_lines_and_drop_framework_chatter(RpcLog.Types.Level level, string category, bool relayed) =>
        Assert.Equal(relayed, WorkerLogRelay.ShouldRelay(new RpcLog { Level = level, Category = category }));

    [Fact]
    public void A_relayed_line_names_the_function_of_its_invocation_and_the_exception()
    {
        var lines = new List<string>();
        var relay = new WorkerLogRelay(lines.Add, id => id == "inv-1" ? "Import" : null);
        relay.Relay(new RpcLog { InvocationId = "inv-1", Level = RpcLog.Types.Level.Error, Category = "Bankflow", Message = "boom", Exception = new RpcException { Type = "System.IO.IOException", Message = "disk" } });
        relay.Relay(new RpcLog { Level = RpcLog.Types.Level.Information, Category = "Bankflow", Message = "started" });
        Assert.Equal(["Import: [Error] boom (System.IO.IOException: disk)", "worker: started"], lines);
    }
}
