using System.Diagnostics;
using System.Reflection;

namespace Bankflow.Infra.Tests;

/// <summary>
/// The Bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64 (restored by this project,
/// path baked into the assembly at build time), run offline.
/// </summary>
internal static class BicepCli
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>bicep</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>.</summary>
    public static BicepRun Run(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // The CLI is a single-file .NET app that unpacks a few native files on first start; by default
        // under $HOME/.net. Keep that inside the test output instead, so the tests need no writable home.
        start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = Path.Combine(AppContext.BaseDirectory, "bicep-extract");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Offline on purpose: the templates use no registry modules and every call passes --no-restore.
        // Any HTTP(S) request the CLI still tried would go to this closed local port and fail at once,
        // which shows up as a diagnostic, so the tests would notice instead of hanging on a timeout.
        foreach (var proxy in new[] { "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy" })
        {
            start.Environment[proxy] = "http://127.0.0.1:9";
        }
        start.Environment["NO_PROXY"] = "";
        start.Environment["no_proxy"] = "";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bicep did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {Timeout}");
        }
        process.WaitForExit();
        return new BicepRun(string.Join(' ', arguments), process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>The executable, with its execute bit set (NuGet extracts package files without it on some systems).</summary>
    private static string Executable()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            throw new PlatformNotSupportedException("the infra tests restore the linux-x64 Bicep CLI; run them on Linux x64 (the project's machines and CI are)");
        }
        var path = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepExecutable").Value;
        if (path is null || !File.Exists(path))
        {
            throw new FileNotFoundException($"the Bicep CLI is not at '{path}': restore tests/Infra.Tests (package Azure.Bicep.CommandLine.linux-x64)");
        }
        const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | execute);
        }
        return path;
    }
}
