using System.Diagnostics;

namespace Bankflow.LocalHost.Hosting;

/// <summary>
/// Children that end when LocalHost ends, however it ends — <c>kill -9</c> included, which runs no code of LocalHost's
/// at all. Each child (the worker, Azurite) gets a pipe as its standard input that LocalHost never writes to. Only
/// LocalHost holds the pipe's write end (.NET creates it close-on-exec, so no other child inherits it); when LocalHost's
/// process is gone the kernel closes it, the child's read returns end-of-file, and the child exits. The child watches
/// through code LocalHost gives it: for the .NET worker a startup hook (<c>Bankflow.ParentWatch.dll</c>, loaded by
/// <c>DOTNET_STARTUP_HOOKS</c> before the app's own code), for Azurite a script node loads first (<c>--require</c>).
/// <para>
/// Why not <c>PR_SET_PDEATHSIG</c> (through <c>setpriv --pdeathsig</c>): it fires when the <i>thread</i> that forked the
/// child ends, and .NET starts processes from whichever thread-pool thread runs the code — a thread that retires when
/// idle would kill a healthy child. It is also Linux-only. The pipe works wherever LocalHost runs and is immediate.
/// </para>
/// </summary>
public static class ParentWatch
{
    /// <summary>Tells the worker's startup hook to watch its standard input (<c>stdin</c>); unset, the hook does nothing.</summary>
    public const string Variable = "BANKFLOW_PARENT_WATCH";

    private const string HookAssembly = "Bankflow.ParentWatch.dll";

    /// <summary>The startup hook next to LocalHost's own assembly (a project reference copies it there), or null when missing.</summary>
    public static string? HookPath
    {
        get
        {
            var path = Path.Combine(Path.GetDirectoryName(typeof(ParentWatch).Assembly.Location) ?? AppContext.BaseDirectory, HookAssembly);
            return File.Exists(path) ? path : null;
        }
    }

    /// <summary>
    /// Makes a .NET child watch LocalHost: a pipe for its standard input and the startup hook. Returns false (and the
    /// child is started unwatched) when the hook is not there.
    /// </summary>
    public static bool WatchDotnet(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (HookPath is not { } hook)
        {
            return false;
        }
        info.RedirectStandardInput = true;
        var hooks = info.Environment.TryGetValue("DOTNET_STARTUP_HOOKS", out var existing) && !string.IsNullOrEmpty(existing)
            ? existing + Path.PathSeparator + hook
            : hook;
        info.Environment["DOTNET_STARTUP_HOOKS"] = hooks;
        info.Environment[Variable] = "stdin";
        return true;
    }

    /// <summary>
    /// Makes a node child watch LocalHost: a pipe for its standard input and <paramref name="scriptDirectory"/>'s copy of
    /// the watch script, to pass to node as <c>--require</c> (before the main script). Returns the script's path.
    /// </summary>
    public static string WatchNode(ProcessStartInfo info, string scriptDirectory)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardInput = true;
        var script = Path.Combine(scriptDirectory, "bankflow-parent-watch.cjs");
        File.WriteAllText(script, NodeScript);
        return script;
    }

    /// <summary>Ends node when its standard input reaches end-of-file: LocalHost, which holds the other end, is gone.</summary>
    private const string NodeScript = """
        // Written by Bankflow's LocalHost: ends this process when LocalHost is gone (its standard input closes).
        'use strict';
        const gone = () => process.exit(70);
        process.stdin.on('end', gone);
        process.stdin.on('close', gone);
        process.stdin.on('error', gone);
        process.stdin.resume();
        """;
}
