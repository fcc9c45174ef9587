namespace Bankflow.LocalHost.Run;

/// <summary>Arguments of <c>bankflow run</c>.</summary>
public sealed record RunOptions(string RepositoryRoot, string HandlerDll, string? InboxDirectory, bool Once, int HttpPort)
{
    public static bool TryParse(IReadOnlyList<string> args, out RunOptions? options, out string? error)
    {
        options = null;
        string? repo = null, handler = null, inbox = null;
        var once = false;
        var port = 7071;
        for (var i = 0; i < args.Count; i++)
        {
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--repo": repo = Next(); break;
                case "--handler": handler = Next(); break;
                case "--inbox": inbox = Next(); break;
                case "--once": once = true; break;
                case "--port":
                    if (!int.TryParse(Next(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port > 65535)
                    {
                        error = "--port takes a port number (0 for any free port)";
                        return false;
                    }
                    break;
                default:
                    error = $"unknown option '{args[i]}' (run takes --inbox DIR, --once, --port N)";
                    return false;
            }
        }
        if (repo is null || handler is null)
        {
            error = "run needs --repo and --handler (./bankflow passes them)";
            return false;
        }
        if (inbox is not null && !Directory.Exists(inbox))
        {
            error = $"--inbox: folder '{inbox}' does not exist";
            return false;
        }
        options = new RunOptions(repo, handler, inbox is null ? null : Path.GetFullPath(inbox), once, port);
        error = null;
        return true;
    }
}
