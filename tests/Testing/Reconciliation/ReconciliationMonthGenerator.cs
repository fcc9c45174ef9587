using System.Globalization;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Reconciliation;
using Bankflow.Domain.Values;

namespace Bankflow.Testing.Reconciliation;

/// <summary>
/// A realistic month of one client, from a seed: a few hundred customers (company names, accounts, some known),
/// their invoices (KIDs "customer number + invoice number + MOD10/MOD11", subscription prices that repeat,
/// credit notes), and the bank entries of March 2026 — KID payments in Nets OCR files with the camt.053 lump
/// sum of each day, full, partial and over-payments, payments naming invoices in the message in the ways people
/// write it, typing slips in references and KIDs, combined payments with and without a list of invoices,
/// payments with no reference from known and unknown payers, ambiguous twins (one customer, two invoices of the
/// same amount, paid without a reference), money that pays no invoice, bank fees and the client's own supplier
/// payments. Every entry's truth is kept, so a test can count wrong matches.
/// </summary>
public sealed class ReconciliationMonthGenerator(int seed)
{
    private static readonly string[] Firsts = ["Fjord", "Berg", "Nord", "Vest", "Elve", "Skog", "Havn", "Lys", "Stein", "Bre", "Dal", "Sol", "Vind", "Is", "Ask", "Eik", "Fur", "Lind", "Strand", "Tind"];
    private static readonly string[] Seconds = ["Bygg", "Bakeri", "Elektro", "Regnskap", "Transport", "Design", "Data", "Fisk", "Rør", "Maling", "Eiendom", "Konsult", "Tre", "Mat", "Helse", "Sport", "Print", "Lager", "Kjøl", "Vakt"];
    private static readonly string[] Persons = ["Ola Nordmann", "Kari Hansen", "Per Olsen", "Åse Berg", "Lars Dahl", "Ingrid Lie"];
    private static readonly long[] SubscriptionPrices = [29_900, 49_900, 99_000, 149_900];
    private static readonly string[] ReferenceFormats = ["Faktura {0}", "faktura nr {0}", "Fakt.nr {0}", "inv {0}", "{0}", "Betaling faktura {0}", "FAKTURANR: {0}"];

    private readonly Random _random = new(seed);
    private readonly ClientId _client = ClientId.Parse("month-demo");
    private readonly string _account = "15036429875";
    private readonly DateOnly _first = new(2026, 3, 2);
    private readonly List<OpenItem> _items = [];
    private readonly List<BankEntry> _entries = [];
    private readonly Dictionary<string, Truth> _truth = new(StringComparer.Ordinal);
    private readonly List<OwnPayment> _own = [];
    private readonly List<(DateOnly Day, BankEntry Entry)> _ocr = [];
    private int _camtSequence;

    private sealed record Customer(string Id, string Name, string Account, bool AccountKnown);

    public GeneratedMonth Generate(int customers = 400)
    {
        var names = Firsts.SelectMany(f => Seconds.Select(s => $"{f} {s} AS")).OrderBy(_ => _random.Next()).ToList();
        var list = new List<Customer>();
        for (var c = 0; c < customers; c++)
        {
            var name = c < names.Count ? names[c] : $"Kunde {c} AS";
            list.Add(new Customer((10_000 + c).ToString(CultureInfo.InvariantCulture), name, CamtAccount(), _random.NextDouble() < 0.6));
        }
        var invoiceNumber = 100_001;
        foreach (var customer in list)
        {
            var count = 1 + _random.Next(8);
            var invoices = new List<OpenItem>();
            for (var k = 0; k < count; k++)
            {
                invoices.Add(Invoice(customer, invoiceNumber++));
            }
            if (_random.NextDouble() < 0.04 && invoices[0].Amount > Money.Zero)
            {
                // Ambiguous twins: a second invoice of the same amount, and one of the two paid without a reference.
                var twin = Invoice(customer, invoiceNumber++) with { Amount = invoices[0].Amount, Kid = null };
                invoices.Add(twin);
                _items.AddRange(invoices);
                Pay(customer, [twin], "twins", kid: null, text: null, known: true);
                continue;
            }
            _items.AddRange(invoices);
            PayCustomer(customer, invoices.Where(i => i.Amount.Ore > 0).ToList());
        }
        NotInvoices(customers / 10);
        Fees(8);
        OwnPayments(20);
        LumpSums();
        return new GeneratedMonth(_client, _items, _entries, [.. list.Where(c => c.AccountKnown).Select(c => new KnownPayerAccount(c.Account, c.Id))], _own, new KidCustomerPrefix(5), _truth);
    }

    private OpenItem Invoice(Customer customer, int number)
    {
        var text = number.ToString(CultureInfo.InvariantCulture);
        var creditNote = _random.NextDouble() < 0.03;
        long amount = creditNote ? -(5_000 + _random.Next(50_000))
            : _random.NextDouble() < 0.3 ? SubscriptionPrices[_random.Next(SubscriptionPrices.Length)]
            : 50_000 + _random.NextInt64(0, 5_000_000);
        string? kid = null;
        if (!creditNote && _random.NextDouble() < 0.85)
        {
            kid = Kid.WithCheckDigit(customer.Id + text, _random.Next(4) == 0 ? KidCheck.Mod11 : KidCheck.Mod10);
        }
        var issued = _first.AddDays(-_random.Next(10, 40));
        return new OpenItem(_client, $"INV-{text}", customer.Id, customer.Name, text, kid, new Money(amount), "NOK", issued, issued.AddDays(14));
    }

    /// <summary>How this customer pays this month, invoice by invoice (some invoices together).</summary>
    private void PayCustomer(Customer customer, List<OpenItem> invoices)
    {
        var together = new List<OpenItem>();
        foreach (var invoice in invoices)
        {
            var roll = _random.NextDouble();
            if (roll < 0.10)
            {
                continue; // not paid this month
            }
            if (roll < 0.18)
            {
                together.Add(invoice);
                continue;
            }
            if (invoice.Kid is { } kid && roll < 0.62)
            {
                PayByKid(customer, invoice, kid);
                continue;
            }
            var kind = _random.NextDouble();
            if (kind < 0.45)
            {
                Pay(customer, [invoice], "text", kid: null, text: Written(invoice.InvoiceNumber!), known: _random.NextDouble() < 0.5);
            }
            else if (kind < 0.58)
            {
                Pay(customer, [invoice], "text-typo", kid: null, text: Written(Slip(invoice.InvoiceNumber!)), known: _random.NextDouble() < 0.5);
            }
            else if (kind < 0.82)
            {
                Pay(customer, [invoice], "no-reference-known-payer", kid: null, text: null, known: true);
            }
            else
            {
                Pay(customer, [invoice], "no-reference-unknown-payer", kid: null, text: _random.Next(2) == 0 ? "Betaling" : null, known: false);
            }
        }
        if (together.Count == 1)
        {
            Pay(customer, together, "text", kid: null, text: Written(together[0].InvoiceNumber!), known: false);
        }
        else if (together.Count > 1)
        {
            var listed = _random.Next(2) == 0;
            var text = listed ? "fakt.nr " + string.Join("/", together.Select(i => i.InvoiceNumber)) : null;
            Pay(customer, together, listed ? "combined-listed" : "combined-no-reference", kid: null, text: text, known: !listed || _random.Next(2) == 0);
        }
    }

    private void PayByKid(Customer customer, OpenItem invoice, string kid)
    {
        var roll = _random.NextDouble();
        if (roll < 0.80)
        {
            Ocr(customer, kid, invoice.Amount, "kid-full", [invoice.InvoiceId]);
        }
        else if (roll < 0.88)
        {
            // Part now; for half of them the rest later with the invoice number in the message.
            var part = new Money(invoice.Amount.Ore * (30 + _random.Next(41)) / 100);
            Ocr(customer, kid, part, "kid-partial", [invoice.InvoiceId]);
            if (_random.Next(2) == 0)
            {
                Pay(customer, [invoice], "rest-after-partial", kid: null, text: $"Rest faktura {invoice.InvoiceNumber}", known: false, amount: invoice.Amount - part, lateInMonth: true);
            }
        }
        else if (roll < 0.93)
        {
            Ocr(customer, kid, invoice.Amount + new Money(100 * (1 + _random.Next(500))), "kid-overpaid", [invoice.InvoiceId]);
        }
        else
        {
            Ocr(customer, BreakKid(kid), invoice.Amount, "kid-typo", [invoice.InvoiceId]);
        }
    }

    /// <summary>A camt.054 credit from the customer (known account or a name variant), or from someone unrelated paying for them.</summary>
    private void Pay(Customer customer, List<OpenItem> invoices, string scenario, string? kid, string? text, bool known, Money? amount = null, bool lateInMonth = false)
    {
        var total = amount ?? invoices.Aggregate(Money.Zero, (s, i) => s + i.Amount);
        string account;
        string name;
        if (known)
        {
            account = customer.AccountKnown || _random.Next(2) == 0 ? customer.Account : CamtAccount();
            name = _random.Next(3) switch
            {
                0 => customer.Name,
                1 => customer.Name.ToUpperInvariant().Replace(" AS", " A/S", StringComparison.Ordinal),
                _ => customer.Name.ToLowerInvariant(),
            };
            if (!customer.AccountKnown && account != customer.Account)
            {
                name = customer.Name;
            }
        }
        else
        {
            account = CamtAccount();
            name = Persons[_random.Next(Persons.Length)];
        }
        var id = $"camt:{_account}:{++_camtSequence:D8}";
        var day = Day(lateInMonth);
        _entries.Add(new BankEntry(id, BankChannel.Camt054, _account, day, total, "NOK")
        {
            Kid = kid,
            Text = text,
            CounterpartyAccount = account,
            CounterpartyName = name,
            BankTransactionCode = "PMNT/RCDT/DMCT",
        });
        _truth[id] = new Truth(TruthKind.CustomerPayment, [.. invoices.Select(i => i.InvoiceId)], scenario);
    }

    private void Ocr(Customer customer, string kid, Money amount, string scenario, IReadOnlyList<string> invoices)
    {
        var day = Day(false);
        var id = $"ocr:{day.DayNumber % 10_000}:1:{_ocr.Count + 1}";
        var entry = new BankEntry(id, BankChannel.OcrGiro, _account, day, amount, "NOK")
        {
            Kid = kid,
            CounterpartyAccount = _random.Next(3) == 0 ? null : customer.Account,
        };
        _entries.Add(entry);
        _ocr.Add((day, entry));
        _truth[id] = new Truth(TruthKind.CustomerPayment, invoices, scenario);
    }

    /// <summary>Money in that pays no invoice; some of it of exactly an open item's amount, from people who are no customer.</summary>
    private void NotInvoices(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var id = $"camt:{_account}:{++_camtSequence:D8}";
            var sameAsAnItem = _random.Next(3) == 0;
            var amount = sameAsAnItem ? _items[_random.Next(_items.Count)].Amount : new Money(10_000 + _random.Next(2_000_000));
            if (amount <= Money.Zero)
            {
                amount = new Money(12_345);
            }
            var text = _random.Next(4) switch
            {
                0 => "Husleie mars",
                1 => "Faktura 99" + _random.Next(1000, 9999).ToString(CultureInfo.InvariantCulture),
                2 => "Tilbakebetaling",
                _ => null,
            };
            _entries.Add(new BankEntry(id, BankChannel.Camt054, _account, Day(false), amount, "NOK")
            {
                Text = text,
                CounterpartyAccount = CamtAccount(),
                CounterpartyName = Persons[_random.Next(Persons.Length)],
            });
            _truth[id] = new Truth(TruthKind.NotAnInvoice, [], sameAsAnItem ? "not-an-invoice-same-amount" : "not-an-invoice");
        }
    }

    private void Fees(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var id = $"camt:{_account}:{++_camtSequence:D8}";
            _entries.Add(new BankEntry(id, BankChannel.Camt053, _account, Day(false), new Money(-(500 + _random.Next(20_000))), "NOK")
            {
                BankTransactionCode = "PMNT/MDOP/CHRG",
                Text = "Gebyr innbetalinger",
            });
            _truth[id] = new Truth(TruthKind.Fee, [], "fee");
        }
    }

    private void OwnPayments(int count)
    {
        for (var n = 0; n < count; n++)
        {
            var id = $"camt:{_account}:{++_camtSequence:D8}";
            var endToEnd = $"E2E-{seed}-{n}";
            var amount = new Money(10_000 + _random.Next(5_000_000));
            var supplier = $"Leverandør {n} AS";
            _own.Add(new OwnPayment(endToEnd, "batch-1", supplier, amount, "NOK"));
            _entries.Add(new BankEntry(id, BankChannel.Camt054, _account, Day(false), -amount, "NOK")
            {
                EndToEndId = endToEnd,
                CounterpartyName = supplier,
                CounterpartyAccount = CamtAccount(),
                // A supplier invoice number in the message must not make it a customer payment.
                Text = $"Faktura {_items[_random.Next(_items.Count)].InvoiceNumber}",
            });
            _truth[id] = new Truth(TruthKind.OwnPayment, [], "own-payment");
        }
    }

    /// <summary>The camt.053 of each day books the day's OCR payments as one lump sum.</summary>
    private void LumpSums()
    {
        foreach (var day in _ocr.GroupBy(o => o.Day))
        {
            var id = $"camt:{_account}:LUMP{day.Key:yyyyMMdd}";
            _entries.Add(new BankEntry(id, BankChannel.Camt053, _account, day.Key, day.Aggregate(Money.Zero, (s, o) => s + o.Entry.Amount), "NOK")
            {
                BankTransactionCode = "PMNT/RCDT/DMCT",
                Text = "OCR innbetalinger",
                BatchReference = $"LUMP{day.Key:yyyyMMdd}",
                IsBatchTotal = true,
            });
            _truth[id] = new Truth(TruthKind.LumpSum, [], "ocr-lump-sum");
        }
    }

    private string Written(string number) => string.Format(CultureInfo.InvariantCulture, ReferenceFormats[_random.Next(ReferenceFormats.Length)], number);

    /// <summary>One typing slip: two neighbouring digits swapped, or one digit replaced.</summary>
    private string Slip(string number)
    {
        var chars = number.ToCharArray();
        var i = _random.Next(chars.Length - 1);
        if (_random.Next(2) == 0 && chars[i] != chars[i + 1])
        {
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }
        else
        {
            chars[i + 1] = (char)('0' + ((chars[i + 1] - '0' + 1 + _random.Next(9)) % 10));
        }
        return new string(chars);
    }

    /// <summary>A KID with one digit mistyped so that it fails both check digits (as Nets would still let through in free text).</summary>
    private string BreakKid(string kid)
    {
        var chars = kid.ToCharArray();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var i = 5 + _random.Next(chars.Length - 6);
            var original = chars[i];
            chars[i] = (char)('0' + ((original - '0' + 1 + _random.Next(9)) % 10));
            var candidate = new string(chars);
            if (Kid.Verify(candidate) == KidCheck.None)
            {
                return candidate;
            }
            chars[i] = original;
        }
        return kid;
    }

    private DateOnly Day(bool lateInMonth)
    {
        // Business days of March 2026 (2 March is a Monday).
        while (true)
        {
            var day = _first.AddDays(lateInMonth ? 20 + _random.Next(9) : _random.Next(28));
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                return day;
            }
        }
    }

    private string CamtAccount() => Camt.CamtGenerator.AccountFor(_random);
}
