using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Bankflow.Domain.Access;
using Bankflow.Domain.Values;
using Bankflow.LocalHost.Tests.EndToEnd;
using Bankflow.Testing;
using Xunit.Abstractions;

namespace Bankflow.LocalHost.Tests.Run;

/// <summary>
/// Four 100 MiB uploads at once through <c>bankflow host</c> running the Functions app — the HTTP front in the host
/// process, the handler in the worker process, each measured by its own peak RSS (VmHWM, the whole life of the
/// process, start-up included): both stay under 300 MB, because bodies stream from the socket through the front
/// into blob blocks and are never held whole. <c>BANKFLOW_UPLOAD_MIB</c> and <c>BANKFLOW_UPLOAD_COUNT</c> change the
/// load; docs/benchmarks.md has the figures.
/// </summary>
public sealed partial class UploadMemoryTests(ITestOutputHelper output)
{
    private const long LimitBytes = 300L * 1000 * 1000;

    [GeneratedRegex(@"Serving (\S+) ")]
    private static partial Regex ServingLine();

    [GeneratedRegex(@"function key \(this run only\): (\S+)")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"processes: worker (\d+)")]
    private static partial Regex ProcessesLine();

    private static string Configuration => AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    [Fact]
    public async Task Four_concurrent_100_MiB_uploads_stay_under_300_MB_RSS_in_the_front_and_in_the_worker()
    {
        var mib = Setting("BANKFLOW_UPLOAD_MIB", 100);
        var count = Setting("BANKFLOW_UPLOAD_COUNT", 4);
        var bytes = mib * 1024L * 1024;
        var signingKey = RandomNumberGenerator.GetBytes(32);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     Path.Combine(RepositoryPaths.Root, "LocalHost", "bin", Configuration, "net10.0", "Bankflow.LocalHost.dll"), "host",
                     "--repo", RepositoryPaths.Root, "--app", LocalStack.HandlerDirectory,
                 })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Remove("BANKFLOW_STORAGE");
        info.Environment["Bankflow__ClientTokenSigningKey"] = Convert.ToBase64String(signingKey);
        info.Environment["Bankflow__EnsureStorage"] = "true";
        info.Environment["Bankflow__DataProtection__LocalKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        info.Environment["Bankflow__Intake__MaxFileBytes"] = bytes.ToString(CultureInfo.InvariantCulture);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        EndToEndLog.AddSecret(Convert.ToBase64String(signingKey));

        using var host = Process.Start(info)!;
        var serving = new TaskCompletionSource<(Uri Url, string Key, int Worker)>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? url = null, key = null;
        host.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }
            // The host's log lines ("[HH:mm:ss] …") go to the log scan; its banner (URL, this run's function key for
            // the person at the terminal, process ids) is the command's answer to its user, not a log.
            if (line.StartsWith('['))
            {
                EndToEndLog.Add(line);
            }
            url ??= ServingLine().Match(line) is { Success: true } s ? s.Groups[1].Value : null;
            key ??= KeyLine().Match(line) is { Success: true } k ? k.Groups[1].Value : null;
            if (ProcessesLine().Match(line) is { Success: true } p && url is not null && key is not null)
            {
                serving.TrySetResult((new Uri(url), key, int.Parse(p.Groups[1].Value, CultureInfo.InvariantCulture)));
            }
        };
        host.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                EndToEndLog.Add(line);
            }
        };
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();
        try
        {
            var (baseAddress, functionKey, workerPid) = await serving.Task.WaitAsync(TimeSpan.FromSeconds(120));
            EndToEndLog.AddSecret(functionKey);
            var client = ClientId.Parse("c-rss-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
            var token = new ClientTokenService(signingKey, TimeProvider.System).Issue("load-test", [client], TimeSpan.FromMinutes(30));
            var start = new Dictionary<string, long> { ["front"] = Kilobytes(host.Id, "VmRSS"), ["worker"] = Kilobytes(workerPid, "VmRSS") };

            using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(15) };
            var clock = Stopwatch.StartNew();
            var uploads = Enumerable.Range(0, count).Select(async i =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/clients/{client}/files?name=load-{i}.bin")
                {
                    // Half with a Content-Length, half chunked: both must stream.
                    Content = new GeneratedContent(bytes, seed: i, declareLength: i % 2 == 0),
                };
                request.Headers.Add("x-functions-key", functionKey);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }).ToList();
            var answers = await Task.WhenAll(uploads);
            clock.Stop();

            var peakFront = Kilobytes(host.Id, "VmHWM") * 1024;
            var peakWorker = Kilobytes(workerPid, "VmHWM") * 1024;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{count} × {mib} MiB uploads in {clock.Elapsed.TotalSeconds:F1} s ({count * mib / clock.Elapsed.TotalSeconds:F0} MiB/s); peak RSS (VmHWM, whole process life): front {peakFront / 1e6:F0} MB, worker {peakWorker / 1e6:F0} MB; RSS before the uploads: front {start["front"] / 1024.0:F0} MiB, worker {start["worker"] / 1024.0:F0} MiB"));
            Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Accepted, $"{a.StatusCode}: {a.Item2}"));
            Assert.True(peakFront < LimitBytes, $"the HTTP front peaked at {peakFront / 1e6:F0} MB");
            Assert.True(peakWorker < LimitBytes, $"the worker peaked at {peakWorker / 1e6:F0} MB");
        }
        finally
        {
            if (!host.HasExited)
            {
                using (var term = Process.Start("kill", ["-TERM", host.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }
                try
                {
                    await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
                }
                catch (TimeoutException)
                {
                    host.Kill(entireProcessTree: true);
                }
            }
        }
    }

    /// <summary>A figure in kB from /proc/{pid}/status (VmRSS now, VmHWM the peak).</summary>
    private static long Kilobytes(int pid, string key) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    /// <summary>
    /// <paramref name="length"/> bytes made while they are sent (never held): a random 64 KiB block repeated, its first
    /// bytes set from <paramref name="seed"/> so each upload has its own hash.
    /// </summary>
    private sealed class GeneratedContent(long length, int seed, bool declareLength) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var block = RandomNumberGenerator.GetBytes(64 * 1024);
            BitConverter.TryWriteBytes(block, seed);
            for (long sent = 0; sent < length; sent += block.Length)
            {
                await stream.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, length - sent)));
                block[8] = (byte)(sent >> 16); // no two blocks alike
            }
        }

        protected override bool TryComputeLength(out long length1)
        {
            length1 = length;
            return declareLength;
        }
    }
}
