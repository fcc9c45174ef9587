using Bankflow.Domain.Reconciliation.References;

namespace Bankflow.Functions.Tests.Reconciliation;

/// <summary>
/// Five open items and five payments on <see cref="ReconciliationRig.Day"/>: a KID paid in full, a KID paid in part, an RF
/// creditor reference in the structured remittance (the message itself names nothing), a payment that fits two twin
/// invoices of one customer (never guessed), and a payer nobody knows.
/// </summary>
internal static class DemoMonth
{
    public static readonly string Kid1 = CamtCredits.KidFor("10045");
    public static readonly string Kid2 = CamtCredits.KidFor("10046");

    public static object[] Items =>
    [
        ReconciliationRig.Item("INV-1", "C1", "Fjord AS", 125_000, Kid1, "10045"),
        ReconciliationRig.Item("INV-2", "C2", "Fjell AS", 99_900, Kid2, "10046"),
        ReconciliationRig.Item("INV-3", "C3", "Bre AS", 300_000, invoiceNumber: "10047"),
        ReconciliationRig.Item("INV-4", "C4", "Ola Nordmann AS", 200_000, invoiceNumber: "10048"),
        ReconciliationRig.Item("INV-5", "C4", "Ola Nordmann AS", 200_000, invoiceNumber: "10049"),
    ];

    public static byte[] Payments(string messageId = "MONTH-1") => CamtCredits.Notification(messageId, ReconciliationRig.Day,
        new Credit("R1", 125_000, Kid: Kid1, Payer: "Fjord AS"),
        new Credit("R2", 49_950, Kid: Kid2, Payer: "Fjell AS"),
        new Credit("R3", 300_000, Rf: RfCreditorReference.Create("10047"), Text: "Takk for handelen", Payer: "Bre AS"),
        new Credit("R4", 200_000, Payer: "Ola Nordmann AS"),
        new Credit("R5", 77_700, Text: "gave", Payer: "Ukjent Person"));

    public static string Entry(int n) => CamtCredits.EntryId("R" + n);
}
