using System.Text.Encodings.Web;
using System.Text.Json;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Reconciliation.Postings;
using Bankflow.Domain.Reconciliation.Statements;
using Bankflow.Domain.Values;

namespace Bankflow.LocalHost.Reconcile;

/// <summary>
/// <c>bankflow reconcile --open-items ITEMS.csv BANKFILE...</c>: reads the open items and the bank files (OCR
/// giro, AvtaleGiro, camt.053/054; pain.001 for the client's own payments), runs the Domain reconciliation engine
/// and prints the outcome as JSON on stdout. No Azure, no storage: the engine on your own files.
/// Exit 0 when it ran (unmatched payments are an outcome, not an error); 1 for a bad row in ITEMS.csv or an
/// invalid or unusable bank file (the reason on stderr); 2 for wrong usage or a file that cannot be read.
/// </summary>
internal static class ReconcileCommand
{
    public const string Usage = "usage: bankflow reconcile --open-items ITEMS.csv BANKFILE...";

    /// <summary>The client the command's items belong to: one run is one client's books.</summary>
    private static readonly ClientId LocalClient = ClientId.Parse("local");

    public static int Run(IReadOnlyList<string> args, Stream stdout, TextWriter stderr)
    {
        if (!TryArguments(args, out var itemsPath, out var bankFiles, out var usageError))
        {
            stderr.WriteLine($"bankflow reconcile: {usageError}");
            stderr.WriteLine(Usage);
            return 2;
        }

        byte[] csv;
        try
        {
            csv = File.ReadAllBytes(itemsPath!);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"bankflow reconcile: cannot read '{itemsPath}': {ex.Message}");
            return 2;
        }
        if (!OpenItemsCsv.TryRead(csv, LocalClient, out var items, out var problem))
        {
            stderr.WriteLine($"bankflow reconcile: {itemsPath}: {problem}");
            return 1;
        }

        var inputs = new BankFileInputs();
        foreach (var path in bankFiles)
        {
            if (BankFileReader.Read(path, inputs) is { } bad)
            {
                stderr.WriteLine($"bankflow reconcile: {bad.Message}");
                foreach (var diagnostic in bad.Diagnostics.Skip(1).Take(9))
                {
                    stderr.WriteLine($"  {diagnostic}");
                }
                return bad.Unreadable ? 2 : 1;
            }
        }

        var movements = BankMovements.From(inputs.Entries);
        var result = Reconciler.Run(new ReconciliationInput(LocalClient, items, movements) { OwnPayments = inputs.OwnPayments });
        var plan = new LedgerPlan();
        var postings = PostingProposals.For(result, plan);
        var statements = StatementReconciliation.Check(inputs.Statements, movements);

        using (var json = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            ReconcileJson.Write(json, result, postings, statements);
        }
        stdout.Write("\n"u8);
        stdout.Flush();
        return 0;
    }

    private static bool TryArguments(IReadOnlyList<string> args, out string? items, out List<string> bankFiles, out string? error)
    {
        items = null;
        bankFiles = [];
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--open-items")
            {
                if (i + 1 >= args.Count)
                {
                    error = "--open-items needs a file";
                    return false;
                }
                if (items is not null)
                {
                    error = "--open-items given twice";
                    return false;
                }
                items = args[++i];
            }
            else if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"unknown option '{args[i]}'";
                return false;
            }
            else
            {
                bankFiles.Add(args[i]);
            }
        }
        if (items is null)
        {
            error = "--open-items ITEMS.csv is required";
            return false;
        }
        if (bankFiles.Count == 0)
        {
            error = "give at least one bank file";
            return false;
        }
        return true;
    }
}
