using System.Globalization;
using Bankflow.LocalHost.Azurite;

namespace Bankflow.Testing.Faults;

/// <summary>
/// Azurite behind three <see cref="FaultProxy"/>s (blob, queue, table) sharing one plan and one log, and the connection
/// string that goes through them — for the app and LocalHost; tests check results on Azurite directly.
/// </summary>
public sealed class FaultInjectedStorage : IAsyncDisposable
{
    private readonly FaultProxy _blob;
    private readonly FaultProxy _queue;
    private readonly FaultProxy _table;

    private FaultInjectedStorage(FaultPlan plan, FaultLog log, FaultProxy blob, FaultProxy queue, FaultProxy table)
    {
        Plan = plan;
        Log = log;
        _blob = blob;
        _queue = queue;
        _table = table;
    }

    public FaultPlan Plan { get; }

    public FaultLog Log { get; }

    public static FaultInjectedStorage Start(AzuriteProcess azurite, FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        var log = new FaultLog();
        return new FaultInjectedStorage(plan, log,
            FaultProxy.Start("blob", azurite.BlobPort, plan, log),
            FaultProxy.Start("queue", azurite.QueuePort, plan, log),
            FaultProxy.Start("table", azurite.TablePort, plan, log));
    }

    /// <summary>Azurite's development account at the proxies' ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AzuriteProcess.DevelopmentAccountName};AccountKey={AzuriteProcess.DevelopmentAccountKey};" +
        string.Create(CultureInfo.InvariantCulture, $"BlobEndpoint=http://127.0.0.1:{_blob.Port}/{AzuriteProcess.DevelopmentAccountName};") +
        string.Create(CultureInfo.InvariantCulture, $"QueueEndpoint=http://127.0.0.1:{_queue.Port}/{AzuriteProcess.DevelopmentAccountName};") +
        string.Create(CultureInfo.InvariantCulture, $"TableEndpoint=http://127.0.0.1:{_table.Port}/{AzuriteProcess.DevelopmentAccountName};");

    public async ValueTask DisposeAsync()
    {
        await _blob.DisposeAsync().ConfigureAwait(false);
        await _queue.DisposeAsync().ConfigureAwait(false);
        await _table.DisposeAsync().ConfigureAwait(false);
    }
}
