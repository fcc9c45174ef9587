using System.Globalization;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Benchmarks.Reconciliation;

/// <summary>
/// N open items and N bank movements from a seed, in the mix the issue names: 70 % of the payments carry the
/// KID of their invoice, 20 % name it in the message ("Faktura 1000123", "inv 1000123", "fakt.nr …"), 10 % have
/// no usable reference (half from a payer known by name, half from nobody known). Four invoices per customer
/// on average, amounts between 100 and 50,000 NOK, one payment in twenty partial, dates over one month. Shared
/// strings (customer names, account, currency) are shared as a real import would not bother to, so the figures
/// measure the engine rather than the generator's memory.
/// </summary>
internal static class ScaleGenerator
{
    public static readonly ClientId Client = ClientId.Parse("bench-client");

    private const string Account = "15036429875";

    public static (OpenItem[] Items, BankMovement[] Movements) Generate(int count, int seed = 2026)
    {
        var random = new Random(seed);
        var customers = Math.Max(1, count / 4);
        var names = new string[customers];
        for (var c = 0; c < customers; c++)
        {
            names[c] = string.Create(CultureInfo.InvariantCulture, $"Kunde {c} AS");
        }
        var items = new OpenItem[count];
        var movements = new BankMovement[count];
        var start = new DateOnly(2026, 3, 1);
        for (var i = 0; i < count; i++)
        {
            var customer = random.Next(customers);
            var customerId = customer.ToString("D6", CultureInfo.InvariantCulture);
            var number = (1_000_000 + i).ToString(CultureInfo.InvariantCulture);
            var amount = new Money(10_000 + random.NextInt64(0, 4_990_000));
            var kind = i % 10; // 0–6 KID, 7–8 text, 9 none
            var kid = kind < 7 ? Kid.WithCheckDigit(customerId + number, (i & 1) == 0 ? KidCheck.Mod10 : KidCheck.Mod11) : null;
            items[i] = new OpenItem(Client, "I" + number, customerId, names[customer], number, kid, amount, "NOK", start.AddDays(-20), start.AddDays(-6));
            var paid = random.Next(20) == 0 ? new Money(amount.Ore / 2) : amount;
            var day = start.AddDays(random.Next(30));
            var movement = kind < 7
                ? new BankMovement($"ocr:{day.DayNumber}:1:{i}", BankChannel.OcrGiro, Account, day, paid, "NOK") { Kid = kid }
                : new BankMovement($"camt:{Account}:{i:D9}", BankChannel.Camt054, Account, day, paid, "NOK")
                {
                    Text = kind < 9 ? TextFor(number, random) : (random.Next(2) == 0 ? "Betaling" : null),
                    CounterpartyName = kind < 9 || random.Next(2) == 0 ? names[customer] : "Ola Nordmann",
                };
            movements[i] = movement;
        }
        // Arrival order is not the engine's order: shuffle, as files from several days would come.
        random.Shuffle(movements);
        return (items, movements);
    }

    private static string TextFor(string number, Random random) => random.Next(4) switch
    {
        0 => "Faktura " + number,
        1 => "inv " + number,
        2 => "fakt.nr " + number,
        _ => number,
    };
}
