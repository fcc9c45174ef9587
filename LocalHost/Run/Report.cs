using System.Text.Json;
using Bankflow.LocalHost.Hosting;

namespace Bankflow.LocalHost.Run;

/// <summary>The run's readable report: per file format, outcome, counts, reason; then notifications and events.</summary>
public static class Report
{
    public static void Print(TextWriter output, IReadOnlyList<FedFile> files, JsonElement notifications, InvocationLog log)
    {
        output.WriteLine();
        output.WriteLine("Files");
        foreach (var file in files)
        {
            PrintOne(output, file);
        }
        output.WriteLine();
        output.WriteLine("Notifications for the demo client");
        var any = false;
        foreach (var n in notifications.EnumerateArray())
        {
            any = true;
            output.WriteLine($"  [{Text(n, "severity")}] {Text(n, "title")}");
            output.WriteLine($"      {Text(n, "message")}");
        }
        if (!any)
        {
            output.WriteLine("  (none)");
        }
        output.WriteLine();
        var events = log.Outputs.Where(o => o.Destination == "bank-events").ToList();
        output.WriteLine($"Events on bank-events: {events.Count} ({string.Join(", ", events.GroupBy(e => e.Event?["eventType"]?.ToString() ?? "?").Select(g => $"{g.Count()} {g.Key}"))})");
        var failed = log.Invocations.Count(i => !i.Succeeded);
        output.WriteLine($"Invocations: {log.Invocations.Count} ({failed} failed)");
    }

    public static void PrintOne(TextWriter output, FedFile file)
    {
        output.WriteLine($"  {file.Name}  [{file.Channel}]  — {file.Shows}");
        if (file.UploadRefusal is not null)
        {
            output.WriteLine($"      refused at upload: {file.UploadRefusal}");
            return;
        }
        if (file.Outcome is not { } o)
        {
            output.WriteLine($"      not decided in time (import id {file.ImportId[..12]}…)");
            return;
        }
        var status = Text(o, "status");
        output.WriteLine($"      {status,-11} format {Text(o, "format") ?? "-"}{(Text(o, "formatVersion") is { } v ? " " + v : "")}, {Number(o, "size")} bytes, {Number(o, "entryCount")} entries, {Number(o, "warningCount")} warnings, import {file.ImportId[..12]}…");
        if (Text(o, "reason") is { } reason)
        {
            output.WriteLine($"      reason: {reason}");
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : 0;
}
