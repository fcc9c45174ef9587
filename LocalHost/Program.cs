namespace Bankflow.LocalHost;

internal static class Program
{
    public static int Main(string[] args)
    {
        Console.Error.WriteLine("bankflow: not built yet");
        return args.Length == 0 ? 2 : 2;
    }
}
