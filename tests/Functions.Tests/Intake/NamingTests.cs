using Bankflow.Domain.Values;
using Bankflow.Functions.Endpoints.UploadBankFile;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Notifications;

namespace Bankflow.Functions.Tests.Intake;

public sealed class NamingTests
{
    [Theory]
    [InlineData("OCR.20261122.txt", "OCR.20261122.txt")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("a b/c?d#e.xml", "c_d_e.xml")]
    [InlineData("kontoutskrift æøå.xml", "kontoutskrift_æøå.xml")]
    [InlineData("", "upload")]
    [InlineData("...", "upload")]
    [InlineData(null, "upload")]
    public void Upload_names_become_one_harmless_path_segment(string? name, string expected) =>
        Assert.Equal(expected, UploadBankFileFunction.SafeFileName(name));

    [Fact]
    public void Upload_names_are_capped_at_100_characters() =>
        Assert.Equal(100, UploadBankFileFunction.SafeFileName(new string('x', 500)).Length);

    [Fact]
    public void Archive_paths_are_per_client_and_month_of_receipt()
    {
        var path = RawFileStore.ArchivePath(ClientId.Parse("acme-as"), new DateTimeOffset(2026, 1, 31, 23, 30, 0, TimeSpan.FromHours(-2)), "ab12");
        Assert.Equal("acme-as/2026/02/ab12", path); // 01:30 UTC on 1 February
        Assert.Equal("_unassigned/ab12", RawFileStore.QuarantinePath(null, "ab12"));
    }

    [Fact]
    public void Notification_ids_are_deterministic_per_cause_and_sort_newest_first()
    {
        var t1 = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero);
        var t2 = t1.AddMinutes(1);
        Assert.Equal(Notification.CreateId(t1, "FileQuarantined", "abc"), Notification.CreateId(t1, "FileQuarantined", "abc"));
        Assert.NotEqual(Notification.CreateId(t1, "FileQuarantined", "abc"), Notification.CreateId(t1, "FileQuarantined", "abd"));
        Assert.True(string.CompareOrdinal(Notification.CreateId(t2, "K", "s"), Notification.CreateId(t1, "K", "s")) < 0);
    }
}
