using System.Text.Json;
using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Files;
using Bankflow.Domain.Iso20022.Pain;

namespace Bankflow.LocalHost.Parse;

/// <summary>
/// <c>bankflow parse</c> for pain.001 and pain.002. Amounts and control sums are integer øre (minor units × 100),
/// like every other parse output. Payment files are small (the bank's own limits keep them so): the document
/// is read whole, then written.
/// </summary>
internal static class PainJsonRenderer
{
    public static IReadOnlyList<Diagnostic> RenderPain001(Stream input, DetectedFormat format, Utf8JsonWriter json)
    {
        var result = Pain001Reader.Read(input);
        var document = result.Document;
        json.WriteStartObject();
        json.WriteString("format", BankFileFormat.Pain001.WireName());
        json.WriteString("version", document?.Version ?? format.Version);
        if (document is not null)
        {
            json.WriteString("messageId", document.MessageId);
            json.WriteString("creationDateTime", document.CreationDateTime);
            WriteNumber(json, "numberOfTransactions", document.NumberOfTransactions);
            WriteOre(json, "controlSum", document.ControlSum);
            json.WriteString("initiatingPartyName", document.InitiatingPartyName);

            json.WriteStartArray("paymentInformations");
            foreach (var info in document.PaymentInformations)
            {
                json.WriteStartObject();
                json.WriteString("paymentInformationId", info.PaymentInformationId);
                json.WriteString("paymentMethod", info.PaymentMethod);
                json.WriteString("requestedExecutionDate", info.RequestedExecutionDate);
                json.WriteString("debtorName", info.DebtorName);
                json.WriteString("debtorAccount", info.DebtorAccount);
                WriteNumber(json, "numberOfTransactions", info.NumberOfTransactions);
                WriteOre(json, "controlSum", info.ControlSum);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("transactions");
            foreach (var info in document.PaymentInformations)
            {
                foreach (var tx in info.Transactions)
                {
                    json.WriteStartObject();
                    json.WriteString("paymentInformationId", info.PaymentInformationId);
                    json.WriteString("instructionId", tx.InstructionId);
                    json.WriteString("endToEndId", tx.EndToEndId);
                    WriteOre(json, "amount", tx.Amount);
                    json.WriteString("currency", tx.Currency);
                    json.WriteString("creditorName", tx.CreditorName);
                    json.WriteString("creditorAccount", tx.CreditorAccount);
                    json.WriteString("kid", tx.CreditorReference);
                    json.WriteString("text", tx.Text);
                    json.WriteString("invoiceNumber", tx.InvoiceNumber);
                    json.WriteString("requestedExecutionDate", info.RequestedExecutionDate);
                    json.WriteString("debtorAccount", info.DebtorAccount);
                    json.WriteEndObject();
                }
                json.Flush();
            }
            json.WriteEndArray();
        }
        DiagnosticJson.WriteVerdict(json, result.Diagnostics);
        json.WriteEndObject();
        return result.Diagnostics;
    }

    public static IReadOnlyList<Diagnostic> RenderPain002(Stream input, DetectedFormat format, Utf8JsonWriter json)
    {
        var result = Pain002Reader.Read(input);
        var report = result.Report;
        json.WriteStartObject();
        json.WriteString("format", BankFileFormat.Pain002.WireName());
        json.WriteString("version", report?.Version ?? format.Version);
        if (report is not null)
        {
            json.WriteString("messageId", report.MessageId);
            json.WriteString("creationDateTime", report.CreationDateTime);
            json.WriteString("originalMessageId", report.OriginalMessageId);
            json.WriteString("originalMessageNameId", report.OriginalMessageNameId);
            WriteNumber(json, "originalNumberOfTransactions", report.OriginalNumberOfTransactions);
            WriteOre(json, "originalControlSum", report.OriginalControlSum);
            json.WriteString("groupStatus", report.GroupStatus?.Code);
            WriteReasons(json, report.GroupReasons);

            json.WriteStartArray("paymentInformations");
            foreach (var info in report.PaymentInformations)
            {
                json.WriteStartObject();
                json.WriteString("originalPaymentInformationId", info.OriginalPaymentInformationId);
                json.WriteString("status", info.Status?.Code);
                WriteReasons(json, info.Reasons);
                json.WriteNumber("numberOfTransactions", info.Transactions.Count);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartArray("transactions");
            foreach (var info in report.PaymentInformations)
            {
                foreach (var tx in info.Transactions)
                {
                    json.WriteStartObject();
                    json.WriteString("originalPaymentInformationId", info.OriginalPaymentInformationId);
                    json.WriteString("originalInstructionId", tx.OriginalInstructionId);
                    json.WriteString("originalEndToEndId", tx.OriginalEndToEndId);
                    json.WriteString("status", tx.Status?.Code);
                    WriteReasons(json, tx.Reasons);
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
        }
        DiagnosticJson.WriteVerdict(json, result.Diagnostics);
        json.WriteEndObject();
        return result.Diagnostics;
    }

    private static void WriteReasons(Utf8JsonWriter json, IReadOnlyList<StatusReason> reasons)
    {
        json.WriteStartArray("reasons");
        foreach (var reason in reasons)
        {
            json.WriteStartObject();
            json.WriteString("code", reason.Code?.Code);
            json.WriteString("proprietary", reason.Proprietary);
            json.WriteString("description", reason.Description);
            json.WriteString("additionalInfo", reason.AdditionalInfo.Count == 0 ? null : string.Join(" ", reason.AdditionalInfo));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>A decimal amount (already checked for at most two decimals) as integer øre.</summary>
    private static void WriteOre(Utf8JsonWriter json, string name, decimal? amount)
    {
        if (amount is { } a && a == decimal.Round(a, 2) && Math.Abs(a) <= long.MaxValue / 100m)
        {
            json.WriteNumber(name, (long)(a * 100m));
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
