using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Bankflow.Functions.Infrastructure;
using Bankflow.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bankflow.Functions.Tests.Infrastructure;

/// <summary>The SDK's own log lines: an expected 409 of a conditional insert is not a warning, a failure of ours still is.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StorageLoggingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_conditional_insert_that_finds_its_row_logs_no_SDK_warning()
    {
        var captured = new ConcurrentQueue<(string Category, LogLevel Level, string Message)>();
        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(new CapturingProvider(captured)).SetMinimumLevel(LogLevel.Trace))
            .AddBankflowStorage(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = azurite.ConnectionString }).Build())
            .BuildServiceProvider();
        var storage = services.GetRequiredService<BankflowStorage>();
        await storage.EnsureCreatedAsync(CancellationToken.None);
        var table = storage.Table(StorageNames.CollectionUpdatesTable);
        var row = new TableEntity(TestStorage.NewClient().Value, "once");
        await table.AddEntityAsync(row);

        var conflict = await Assert.ThrowsAsync<RequestFailedException>(() => table.AddEntityAsync(row));
        services.GetRequiredService<ILoggerFactory>().CreateLogger("Bankflow.Test").LogWarning("a warning of ours");

        Assert.Equal(409, conflict.Status);
        Assert.DoesNotContain(captured, l => l.Category.StartsWith("Azure.Core", StringComparison.Ordinal) && l.Level == LogLevel.Warning);
        Assert.Contains(captured, l => l.Category == "Bankflow.Test" && l.Level == LogLevel.Warning);
        Assert.True(services.GetRequiredService<ILoggerFactory>().CreateLogger("Azure.Core").IsEnabled(LogLevel.Error));
    }

    private sealed class CapturingProvider(ConcurrentQueue<(string, LogLevel, string)> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capturing(categoryName, lines);

        public void Dispose()
        {
        }
    }

    private sealed class Capturing(string category, ConcurrentQueue<(string, LogLevel, string)> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue((category, logLevel, formatter(state, exception)));
    }
}
