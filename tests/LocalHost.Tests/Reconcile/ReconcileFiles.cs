using System.Globalization;
using System.Text;
using System.Text.Json;
using Bankflow.LocalHost.Reconcile;

namespace Bankflow.LocalHost.Tests.Reconcile;

/// <summary>A temp folder of files for <c>bankflow reconcile</c> and a way to run the command on them.</summary>
internal sealed class ReconcileFiles : IDisposable
{
    public const string Header = "invoiceId,customerId,customerName,invoiceNumber,kid,amount,currency,invoiceDate,dueDate";

    private readonly string _folder = Directory.CreateTempSubdirectory("bankflow-reconcile-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string WriteText(string name, string content) => Write(name, new UTF8Encoding(false).GetBytes(content));

    public string Items(IEnumerable<string> rows) => WriteText("ITEMS.csv", Header + "\n" + string.Join("\n", rows) + "\n");

    /// <summary>One CSV row; the amount is øre, written as NOK with a dot.</summary>
    public static string Row(string invoiceId, string customerId, string customerName, string? number, string? kid, long ore, string currency = "NOK") =>
        string.Join(',', invoiceId, customerId, Quote(customerName), number ?? "", kid ?? "", Kroner(ore), currency, "2026-02-01", "2026-02-15");

    public static string Kroner(long ore) => (ore / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Quote(string field) => field.Contains(',', StringComparison.Ordinal) || field.Contains('"', StringComparison.Ordinal)
        ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
        : field;

    public static (int Exit, JsonDocument? Json, string Stderr) Run(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new StringWriter();
        var exit = ReconcileCommand.Run(args, stdout, stderr);
        var bytes = stdout.ToArray();
        return (exit, bytes.Length == 0 ? null : JsonDocument.Parse(bytes), stderr.ToString());
    }
}
