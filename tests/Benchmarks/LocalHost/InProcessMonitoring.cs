using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Bankflow.Benchmarks.LocalHost;

/// <summary>
/// One call per iteration, measured in this process: the work is two processes talking over loopback, so an isolated
/// benchmark process buys nothing, and rebuilding the worker app (its generated extensions project) for one takes
/// longer than BenchmarkDotNet's build timeout on this 2-core machine.
/// </summary>
public abstract class InProcessMonitoring : ManualConfig
{
    protected InProcessMonitoring(int warmup, int iterations) =>
        AddJob(Job.Default
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1)
            .WithWarmupCount(warmup)
            .WithIterationCount(iterations)
            .WithInvocationCount(1)
            .WithUnrollFactor(1)
            .WithToolchain(InProcessEmitToolchain.Instance));
}

/// <summary>50 warm-up calls, then 300 measured calls.</summary>
public sealed class ManyCalls() : InProcessMonitoring(50, 300);

/// <summary>One warm-up start, then 10 measured starts.</summary>
public sealed class FewStarts() : InProcessMonitoring(1, 10);
