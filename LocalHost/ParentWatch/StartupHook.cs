using System;
using System.Diagnostics;
using System.IO;
using System.Threading;

// The runtime looks the hook up by this exact name, in no namespace (DOTNET_STARTUP_HOOKS contract).
#pragma warning disable CA1050

/// <summary>
/// Ends the worker when the process that started it (LocalHost) is gone. LocalHost starts the worker with a pipe as its
/// standard input and never writes to it; only LocalHost holds the pipe's write end (.NET opens it close-on-exec, so no
/// other child inherits it). When LocalHost dies — Ctrl-C, an exception, or <c>kill -9</c> that runs no code of its at
/// all — the kernel closes that end, the read below returns end-of-file, and the worker kills itself.
/// <para>
/// Why not <c>PR_SET_PDEATHSIG</c>: it fires when the <i>thread</i> that forked the child ends, not the process, and
/// .NET starts processes from whatever thread-pool thread runs the code — one that retires when idle would take a
/// healthy worker down with it. Why not watching the gRPC stream: the worker SDK keeps running when it breaks (seen).
/// The pipe is exact, immediate and needs nothing from the worker app.
/// </para>
/// </summary>
internal static class StartupHook
{
    /// <summary>LocalHost sets it to <c>stdin</c> when the worker's standard input is the watched pipe; unset, the hook does nothing.</summary>
    private const string Variable = "BANKFLOW_PARENT_WATCH";

    public static void Initialize()
    {
        if (Environment.GetEnvironmentVariable(Variable) != "stdin")
        {
            return;
        }
        // Processes the worker may start are not watched the same way: their stdin is not our pipe.
        Environment.SetEnvironmentVariable(Variable, null);
        Environment.SetEnvironmentVariable("DOTNET_STARTUP_HOOKS", null);
        new Thread(WatchStandardInput) { IsBackground = true, Name = "bankflow-parent-watch" }.Start();
    }

    private static void WatchStandardInput()
    {
        try
        {
            using (var stdin = Console.OpenStandardInput())
            {
                var buffer = new byte[256];
                while (stdin.Read(buffer, 0, buffer.Length) > 0)
                {
                    // LocalHost writes nothing; anything read is ignored.
                }
            }
        }
        catch (IOException)
        {
            // A broken pipe is the parent gone too.
        }
        // Killed, not exited: with the host gone there is nobody to report to, and a graceful stop would wait on it.
        // The invocations in flight fail as they would in a crash, and their triggers retry them (at-least-once).
        Process.GetCurrentProcess().Kill();
    }
}
