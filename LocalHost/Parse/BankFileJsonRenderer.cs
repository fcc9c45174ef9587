using System.Text.Json;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;

namespace Bankflow.LocalHost.Parse;

/// <summary>
/// Writes one parsed bank file as a JSON object: <c>{"format": …, …, "diagnostics": [...]}</c>, streaming
/// (the input is read once, front to back; output is flushed as it grows). Returns every diagnostic;
/// the file is invalid when any of them is an error.
/// </summary>
internal delegate IReadOnlyList<Diagnostic> BankFileJsonRenderer(Stream input, DetectedFormat format, Utf8JsonWriter json);

/// <summary>One renderer per format; a format without one is reported as not yet readable.</summary>
internal static class BankFileJsonRenderers
{
    public static BankFileJsonRenderer? For(BankFileFormat format) => format switch
    {
        BankFileFormat.OcrGiro => NetsJsonRenderer.Render,
        BankFileFormat.AvtaleGiro => NetsJsonRenderer.Render,
        BankFileFormat.Camt053 => CamtJsonRenderer.Render,
        BankFileFormat.Camt054 => CamtJsonRenderer.Render,
        BankFileFormat.Pain001 => PainJsonRenderer.RenderPain001,
        BankFileFormat.Pain002 => PainJsonRenderer.RenderPain002,
        _ => null,
    };
}
