using System.Text.Encodings.Web;
using System.Text.Json;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;

namespace Bankflow.LocalHost.Parse;

/// <summary>
/// <c>bankflow parse FILE</c>: detects the format from the content, prints the document as JSON on stdout,
/// repeats the diagnostics on stderr when the file is invalid. Exit 0 valid (warnings allowed), 1 invalid,
/// 2 usage or unreadable file.
/// </summary>
internal static class ParseCommand
{
    public static int Run(IReadOnlyList<string> args, Stream stdout, TextWriter stderr)
    {
        if (args.Count != 1)
        {
            stderr.WriteLine("usage: bankflow parse FILE");
            return 2;
        }
        var path = args[0];
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bankflow parse: cannot read '{path}': {ex.Message}");
            return 2;
        }
        using (file)
        {
            var head = new byte[FormatDetector.HeadLength];
            var length = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            var detected = FormatDetector.Detect(head.AsSpan(0, length));
            file.Position = 0;

            var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
            using var json = new Utf8JsonWriter(stdout, options);
            IReadOnlyList<Diagnostic> diagnostics;
            var renderer = BankFileJsonRenderers.For(detected.Format);
            if (renderer is null)
            {
                var reason = detected.Reason ?? $"reading {detected.Format.WireName()} files is not implemented yet";
                diagnostics = [new Diagnostic(Severity.Error, reason) { Line = detected.Line, Column = detected.Column }];
                json.WriteStartObject();
                json.WriteString("format", detected.Format.WireName());
                DiagnosticJson.WriteVerdict(json, diagnostics);
                json.WriteEndObject();
            }
            else
            {
                diagnostics = renderer(file, detected, json);
            }
            json.Flush();
            stdout.Write("\n"u8);
            stdout.Flush();

            var errors = diagnostics.Where(d => d.Severity == Severity.Error).ToList();
            foreach (var d in errors)
            {
                stderr.WriteLine(d.ToString());
            }
            return errors.Count == 0 ? 0 : 1;
        }
    }
}
