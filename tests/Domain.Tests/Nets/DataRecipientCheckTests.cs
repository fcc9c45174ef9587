using Bankflow.Domain.Nets.Mapping;
using Bankflow.Domain.Nets.Records;

namespace Bankflow.Domain.Tests.Nets;

public sealed class DataRecipientCheckTests
{
    [Fact]
    public void A_file_for_our_customer_unit_id_is_ours()
    {
        Assert.Null(DataRecipientCheck.Refusal(new TransmissionStartRecord(8080, 170031, 105625), 105625));
    }

    [Fact]
    public void A_file_for_another_data_recipient_is_refused_naming_both_ids_as_eight_digits()
    {
        var reason = DataRecipientCheck.Refusal(new TransmissionStartRecord(8080, 170031, 10200), 105625);

        Assert.NotNull(reason);
        Assert.Contains("data recipient 00010200", reason, StringComparison.Ordinal);
        Assert.Contains("customer unit id at Nets 00105625", reason, StringComparison.Ordinal);
        // Found by the hostile-input corpus: the reason named no line, as every quarantine reason must.
        Assert.Contains("line 1, transmission start record, positions 24–31", reason, StringComparison.Ordinal);
    }
}
