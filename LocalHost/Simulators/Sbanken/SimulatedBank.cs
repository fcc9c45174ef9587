using System.Globalization;

namespace Bankflow.LocalHost.Simulators.Sbanken;

/// <summary>One simulated account with its lines.</summary>
public sealed record SimulatedAccount(string AccountId, string AccountNumber, string Name, string AccountType, decimal OpeningBalance, IReadOnlyList<SimulatedLine> Lines)
{
    /// <summary>Booked balance now: opening plus every booked line (reservations excluded).</summary>
    public decimal Balance => OpeningBalance + Lines.Where(l => !l.IsReservation).Sum(l => l.Amount);

    /// <summary>Available: the booked balance less reservations.</summary>
    public decimal Available => Balance + Lines.Where(l => l.IsReservation).Sum(l => l.Amount);
}

public sealed record SimulatedLine(DateOnly AccountingDate, decimal Amount, string Text, string TransactionType, int TransactionTypeCode, string? OtherAccountNumber, bool IsReservation);

/// <summary>
/// The simulator's deterministic data: three accounts of one customer, lines for the last
/// <see cref="Days"/> days before <c>today</c> (same data for the same today), including two identical card
/// purchases on one day and a reservation today.
/// </summary>
public static class SimulatedBank
{
    public const string CustomerId = "sim-customer-1";
    public const int Days = 10;

    /// <summary>Account numbers (MOD11 checked: 9710 05 12347, 9710 05 23454, 9710 05 34561).</summary>
    public const string OperatingAccount = "97100512347";
    public const string SalaryAccount = "97100523454";
    public const string TaxAccount = "97100534561";

    public static IReadOnlyList<SimulatedAccount> Create(DateOnly today) =>
    [
        new("sim-acc-drift", OperatingAccount, "Driftskonto", "Standard account", 100_000.00m, OperatingLines(today)),
        new("sim-acc-lonn", SalaryAccount, "Lønnskonto", "Standard account", 40_000.00m,
            [new SimulatedLine(today.AddDays(-3), -25_000.00m, "Lønn november", "Overføring", 200, "15032080119", false)]),
        new("sim-acc-skatt", TaxAccount, "Skattetrekkskonto", "Tax deduction account", 12_000.00m,
            [new SimulatedLine(today.AddDays(-3), 7_500.00m, "Skattetrekk november", "Overføring", 200, SalaryAccount, false)]),
    ];

    private static List<SimulatedLine> OperatingLines(DateOnly today)
    {
        var lines = new List<SimulatedLine>();
        for (var back = Days; back >= 1; back--)
        {
            var day = today.AddDays(-back);
            var n = Days - back + 1;
            lines.Add(new SimulatedLine(day, 1_000.00m + (n * 125.50m), string.Create(CultureInfo.InvariantCulture, $"Innbetaling faktura {1000 + n}"), "Giro", 203, "86011117947", false));
            if (n % 3 == 0)
            {
                lines.Add(new SimulatedLine(day, -(200.00m + n), string.Create(CultureInfo.InvariantCulture, $"Leverandør {n} AS"), "Betaling", 714, "15032080119", false));
            }
        }
        // Two identical card purchases on one day: two real payments, kept apart by the occurrence index.
        lines.Add(new SimulatedLine(today.AddDays(-2), -39.00m, "KAFFEBAR OSLO", "Varekjøp", 714, null, false));
        lines.Add(new SimulatedLine(today.AddDays(-2), -39.00m, "KAFFEBAR OSLO", "Varekjøp", 714, null, false));
        lines.Add(new SimulatedLine(today.AddDays(-1), -89.00m, "Gebyr nettbank", "Gebyr", 900, null, false));
        lines.Add(new SimulatedLine(today, -450.00m, "RESERVASJON KIOSK", "Varekjøp", 714, null, true));
        return lines;
    }
}
