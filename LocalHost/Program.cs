using Bankflow.LocalHost.Parse;

namespace Bankflow.LocalHost;

/// <summary>The command line behind <c>./bankflow</c>.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: Bankflow.LocalHost <run|parse> …  (use ./bankflow)");
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
            default:
                Console.Error.WriteLine($"unknown command '{args[0]}'");
                return 2;
        }
    }
}
