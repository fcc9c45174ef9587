using System.Globalization;
using Bankflow.Domain.Calendar;
using Bankflow.Domain.Iso20022.Pain;
using Bankflow.Domain.Values;

namespace Bankflow.Domain.Remittance;

/// <summary>
/// Validates payment instructions and builds a <see cref="PaymentBatch"/>: every payment is checked and every
/// problem reported, and a batch with any invalid payment is refused whole — nothing is partly accepted.
/// </summary>
public static class PaymentBatchBuilder
{
    /// <summary>
    /// The largest amount of one payment, 999 999 999.99 NOK: a sanity ceiling against typing errors (and far
    /// inside the 18 digits ISO allows). The bank's own limits are lower and bank-specific (reason AM02).
    /// </summary>
    public static readonly Money MaxAmount = new(99_999_999_999);

    /// <summary>ISO Max35Text for EndToEndId, InstrId, PmtInfId and MsgId.</summary>
    public const int MaxIdLength = 35;

    /// <summary>The batch id is the MsgId; "-" + a 4-digit position (InstrId) and "-" + up to 3 letters (PmtInfId) must still fit in 35 characters.</summary>
    /// <remarks>29 leaves one character to spare for both.</remarks>
    public const int MaxBatchIdLength = 29;

    public const int MaxCreditorNameLength = 70;

    public const int MaxPaymentsPerBatch = 9999;

    /// <summary>Banks refuse execution dates too far ahead (CH03); a year is more than any Norwegian bank allows.</summary>
    public const int MaxDaysAhead = 365;

    public static BatchBuildResult Build(BatchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<PaymentError>();
        CheckBatch(request, errors);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var payments = new List<Payment>(request.Payments.Count);
        BankAgreement? first = null;
        for (var i = 0; i < request.Payments.Count; i++)
        {
            var instruction = request.Payments[i];
            var before = errors.Count;
            void Fail(string field, string reason) => errors.Add(new PaymentError(i, instruction.EndToEndId, field, reason));

            var endToEndId = instruction.EndToEndId?.Trim();
            if (!IsId(endToEndId, MaxIdLength, out var idError))
            {
                Fail("endToEndId", idError!);
            }
            else if (request.ExistingEndToEndIds.Contains(endToEndId!))
            {
                Fail("endToEndId", $"end-to-end id {endToEndId} was used before by this client; each payment needs its own");
            }
            else if (!seen.Add(endToEndId!))
            {
                Fail("endToEndId", $"end-to-end id {endToEndId} appears more than once in this batch");
            }

            var agreement = CheckDebtor(request, instruction, ref first, Fail, out var debtorAccount);

            var name = instruction.CreditorName?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                Fail("creditorName", "the creditor's name is required");
            }
            else if (name.Length > MaxCreditorNameLength)
            {
                Fail("creditorName", $"the creditor's name has at most {MaxCreditorNameLength} characters, found {name.Length}");
            }
            else if (Pain001CharacterSet.Check(name) is { } refused)
            {
                Fail("creditorName", "the creditor's name " + refused);
            }

            if (!CreditorAccount.TryParse(instruction.CreditorAccount, out var creditorAccount, out var accountError))
            {
                Fail("creditorAccount", accountError!);
            }

            var amount = CheckAmount(instruction.Amount, Fail);
            CheckExecutionDate(instruction.RequestedExecutionDate, request.Today, Fail);
            var remittance = CheckRemittance(instruction, Fail);

            if (errors.Count == before && agreement is not null)
            {
                payments.Add(new Payment
                {
                    InstructionId = $"{request.BatchId}-{(i + 1).ToString(CultureInfo.InvariantCulture)}",
                    EndToEndId = endToEndId!,
                    DebtorAccount = debtorAccount!,
                    CreditorName = name!,
                    CreditorAccount = creditorAccount!,
                    Amount = amount,
                    RequestedExecutionDate = instruction.RequestedExecutionDate,
                    Remittance = remittance!,
                });
            }
        }

        if (errors.Count > 0 || first is null)
        {
            return new BatchBuildResult(null, errors);
        }
        var batch = new PaymentBatch
        {
            BatchId = request.BatchId,
            ClientId = request.ClientId,
            Debtor = request.Debtor,
            Bank = first.Bank,
            ApprovalMode = first.ApprovalMode,
            IntegrationMode = first.IntegrationMode,
            CreatedAt = request.CreatedAt,
            Payments = payments,
        };
        return new BatchBuildResult(batch, []);
    }

    /// <summary>
    /// The texts of a built batch that fall outside <see cref="Pain001CharacterSet"/>, by field: a batch stored before
    /// the rule (or built around it) is stopped here before a file is written. Empty when every text is acceptable.
    /// </summary>
    public static IReadOnlyList<FieldIssue> CheckTexts(PaymentBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var issues = new List<FieldIssue>();
        if (Pain001CharacterSet.Check(batch.Debtor.Name) is { } debtor)
        {
            issues.Add(new FieldIssue("debtor.name", "the paying company's name " + debtor));
        }
        for (var i = 0; i < batch.Payments.Count; i++)
        {
            var payment = batch.Payments[i];
            if (Pain001CharacterSet.Check(payment.CreditorName) is { } name)
            {
                issues.Add(new FieldIssue($"payments[{i}].creditorName", "the creditor's name " + name));
            }
            var (field, text) = payment.Remittance switch
            {
                FreeText t => ("text", t.Text),
                InvoiceReference r => ("invoiceNumber", r.Number),
                _ => ("", ""),
            };
            if (Pain001CharacterSet.Check(text) is { } refused)
            {
                issues.Add(new FieldIssue($"payments[{i}].{field}", refused));
            }
        }
        return issues;
    }

    private static void CheckBatch(BatchRequest request, List<PaymentError> errors)
    {
        if (!IsId(request.BatchId, MaxBatchIdLength, out var idError))
        {
            errors.Add(new PaymentError(-1, null, "batchId", idError!));
        }
        if (request.Payments.Count == 0)
        {
            errors.Add(new PaymentError(-1, null, "payments", "a batch needs at least one payment"));
        }
        else if (request.Payments.Count > MaxPaymentsPerBatch)
        {
            errors.Add(new PaymentError(-1, null, "payments", $"a batch holds at most {MaxPaymentsPerBatch} payments, found {request.Payments.Count}"));
        }
        if (string.IsNullOrWhiteSpace(request.Debtor.Name) || request.Debtor.Name.Length > MaxCreditorNameLength)
        {
            errors.Add(new PaymentError(-1, null, "debtor.name", $"the paying company's name must be 1–{MaxCreditorNameLength} printable characters"));
        }
        else if (Pain001CharacterSet.Check(request.Debtor.Name) is { } refused)
        {
            errors.Add(new PaymentError(-1, null, "debtor.name", "the paying company's name (the agreement's companyName) " + refused));
        }
    }

    private static BankAgreement? CheckDebtor(BatchRequest request, PaymentInstruction instruction, ref BankAgreement? first, Action<string, string> fail, out AccountNumber? debtorAccount)
    {
        if (!AccountNumber.TryParse(instruction.DebtorAccount, out debtorAccount, out var error))
        {
            fail("debtorAccount", error!);
            return null;
        }
        var account = debtorAccount;
        var agreement = request.Agreements.FirstOrDefault(a => a.BankAccount == account);
        if (agreement is null || agreement.PayoutService == PayoutService.None)
        {
            fail("debtorAccount", $"bank account {account!.Formatted} has no bank agreement with a payout service (utbetalingstjeneste)");
            return null;
        }
        var validation = BankAgreementValidator.Validate(agreement, request.Debtor.OrganisationNumber, request.Agreements);
        if (!validation.IsValid)
        {
            fail("debtorAccount", $"the bank agreement of {account!.Formatted} breaks a rule: {string.Join("; ", validation.Errors)}");
            return null;
        }
        if (agreement.Bank == Bank.Dnb && string.IsNullOrWhiteSpace(agreement.AvtaleId))
        {
            fail("debtorAccount", $"DNB has not registered the agreement of {account!.Formatted} yet (no AvtaleID)");
            return null;
        }
        first ??= agreement;
        // One batch is one file to one bank, approved one way.
        if (agreement.Bank != first.Bank || agreement.ApprovalMode != first.ApprovalMode || agreement.IntegrationMode != first.IntegrationMode)
        {
            fail("debtorAccount",
                $"bank account {account!.Formatted} is {agreement.Bank}/{agreement.ApprovalMode}/{agreement.IntegrationMode}, "
                + $"but this batch is {first.Bank}/{first.ApprovalMode}/{first.IntegrationMode}; one batch goes to one bank with one approval mode");
            return null;
        }
        return agreement;
    }

    private static Money CheckAmount(decimal kroner, Action<string, string> fail)
    {
        if (kroner <= 0)
        {
            fail("amount", $"the amount must be positive, found {kroner.ToString(CultureInfo.InvariantCulture)}");
            return default;
        }
        if (!Money.TryFromKroner(kroner, out var amount, out var error))
        {
            fail("amount", error!);
            return default;
        }
        if (amount > MaxAmount)
        {
            fail("amount", $"the amount may be at most {MaxAmount} NOK, found {amount}");
        }
        return amount;
    }

    private static void CheckExecutionDate(DateOnly date, DateOnly today, Action<string, string> fail)
    {
        if (date < today)
        {
            fail("requestedExecutionDate", $"the execution date {date:yyyy-MM-dd} is in the past (today is {today:yyyy-MM-dd})");
            return;
        }
        if (date > today.AddDays(MaxDaysAhead))
        {
            fail("requestedExecutionDate", $"the execution date {date:yyyy-MM-dd} is more than {MaxDaysAhead} days ahead");
            return;
        }
        var why = NorwegianBankCalendar.WhyNotBankingDay(date);
        if (why != NonBankingDayReason.None)
        {
            var what = why switch
            {
                NonBankingDayReason.Weekend => "a " + date.DayOfWeek,
                NonBankingDayReason.PublicHoliday => "a Norwegian public holiday",
                _ => "Christmas Eve, when the Norwegian banks' settlement is closed",
            };
            fail("requestedExecutionDate",
                $"the execution date {date:yyyy-MM-dd} is {what}, not a banking day; the next banking day is {NorwegianBankCalendar.OnOrAfter(date):yyyy-MM-dd}");
        }
    }

    private static RemittanceInformation? CheckRemittance(PaymentInstruction instruction, Action<string, string> fail)
    {
        var kid = Blank(instruction.Kid);
        var text = Blank(instruction.Text);
        var invoice = Blank(instruction.InvoiceNumber);
        var given = (kid is null ? 0 : 1) + (text is null ? 0 : 1) + (invoice is null ? 0 : 1);
        if (given != 1)
        {
            fail("kid", given == 0
                ? "a payment needs a KID, a message (text) or an invoice number"
                : "give only one of KID, message (text) and invoice number: a KID payment carries no message, and banks reject both");
            return null;
        }
        if (kid is not null)
        {
            if (!Kid.TryParse(kid, out var parsed, out var error))
            {
                fail("kid", error!);
                return null;
            }
            return new KidReference(parsed!);
        }
        if (text is not null)
        {
            if (text.Length > RemittanceInformation.MaxTextLength)
            {
                fail("text", $"the message has at most {RemittanceInformation.MaxTextLength} characters, found {text.Length}");
                return null;
            }
            if (Pain001CharacterSet.Check(text) is { } refused)
            {
                fail("text", "the message " + refused);
                return null;
            }
            return new FreeText(text);
        }
        if (invoice!.Length > RemittanceInformation.MaxInvoiceNumberLength)
        {
            fail("invoiceNumber", $"the invoice number has 1–{RemittanceInformation.MaxInvoiceNumberLength} printable characters, found {invoice.Length}");
            return null;
        }
        if (Pain001CharacterSet.Check(invoice) is { } refusedInvoice)
        {
            fail("invoiceNumber", "the invoice number " + refusedInvoice);
            return null;
        }
        return new InvoiceReference(invoice);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Ids go to every bank's file format: keep to characters all of them accept.</summary>
    private static bool IsId(string? id, int maxLength, out string? error)
    {
        if (string.IsNullOrEmpty(id))
        {
            error = "the id is required";
            return false;
        }
        if (id.Length > maxLength)
        {
            error = $"the id has at most {maxLength} characters, found {id.Length}";
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '/'))
            {
                error = $"the id may hold only A–Z, a–z, 0–9, '-', '.' and '/', found '{c}'";
                return false;
            }
        }
        error = null;
        return true;
    }
}
