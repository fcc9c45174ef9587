using Bankflow.LocalHost.Parse;
using Bankflow.LocalHost.Reconcile;
using Bankflow.LocalHost.Run;

namespace Bankflow.LocalHost;

/// <summary>The command line behind <c>./bankflow</c>.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Bankflow.LocalHost <run|parse|reconcile|host> …  (use ./bankflow)");
            return 2;
        }
        var rest = args[1..];
        switch (args[0])
        {
            case "parse":
                using (var stdout = Console.OpenStandardOutput())
                {
                    return ParseCommand.Run(rest, stdout, Console.Error);
                }
            case "reconcile":
                using (var stdout = Console.OpenStandardOutput())
                {
                    return ReconcileCommand.Run(rest, stdout, Console.Error);
                }
            case "run":
                if (!RunOptions.TryParse(rest, out var options, out var error))
                {
                    Console.Error.WriteLine($"bankflow run: {error}");
                    return 2;
                }
                return await RunCommand.RunAsync(options!, Console.Out).ConfigureAwait(false);
            case "host":
                if (!HostCommandOptions.TryParse(rest, out var hostOptions, out var hostError))
                {
                    Console.Error.WriteLine($"bankflow host: {hostError}");
                    return 2;
                }
                return await HostCommand.RunAsync(hostOptions!, Console.Out).ConfigureAwait(false);
            default:
                Console.Error.WriteLine($"unknown command '{args[0]}'");
                return 2;
        }
    }
}
