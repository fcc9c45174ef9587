using Bankflow.LocalHost.Parse;

// The native `bankflow parse FILE`: the same command as `Bankflow.LocalHost parse`, without the host around it.
using var stdout = Console.OpenStandardOutput();
return ParseCommand.Run(args, stdout, Console.Error);
