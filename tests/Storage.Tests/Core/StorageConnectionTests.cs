using Bankflow.Storage.Core;

namespace Bankflow.Storage.Tests.Core;

public sealed class StorageConnectionTests
{
    // A made-up key (valid base64) whose text must never appear in an error or ToString.
    private const string SecretKey = "U2VjcmV0S2V5Rm9yVGVzdHNPbmx5MTIzNDU2Nzg5MA==";

    [Fact]
    public void Development_storage_points_at_azurite_with_the_well_known_account()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true");
        Assert.Equal("devstoreaccount1", connection.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueEndpoint);
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal("devstoreaccount1", connection.SharedKey!.AccountName);
        Assert.Null(connection.TokenCredential);
        Assert.True(connection.IsPathStyle(connection.TableEndpoint));
    }

    [Fact]
    public void Development_storage_honours_a_proxy_uri()
    {
        var connection = StorageConnection.Parse("UseDevelopmentStorage=true;DevelopmentStorageProxyUri=http://azurite.local");
        Assert.Equal(new Uri("http://azurite.local:10002/devstoreaccount1"), connection.TableEndpoint);
    }

    [Fact]
    public void Explicit_endpoints_win_and_the_others_follow_protocol_and_suffix()
    {
        var connection = StorageConnection.Parse(
            $"DefaultEndpointsProtocol=https;AccountName=bankflow;AccountKey={SecretKey};EndpointSuffix=core.chinacloudapi.cn;TableEndpoint=https://tables.example.net/custom/;");
        Assert.Equal("bankflow", connection.AccountName);
        Assert.Equal(new Uri("https://tables.example.net/custom"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://bankflow.blob.core.chinacloudapi.cn"), connection.BlobEndpoint);
        Assert.Equal(new Uri("https://bankflow.queue.core.chinacloudapi.cn"), connection.QueueEndpoint);
        Assert.False(connection.IsPathStyle(connection.BlobEndpoint));
    }

    [Fact]
    public void Azurite_connection_string_on_custom_ports_is_path_style()
    {
        var connection = StorageConnection.Parse(StorageConnection.AzuriteConnectionString(41000, 41001, 41002));
        Assert.Equal(new Uri("http://127.0.0.1:41002/devstoreaccount1"), connection.TableEndpoint);
        Assert.True(connection.IsPathStyle(connection.TableEndpoint));
        Assert.True(connection.IsPathStyle(connection.BlobEndpoint));
    }

    [Fact]
    public void Account_host_endpoints_are_not_path_style_even_when_the_path_repeats_the_account()
    {
        var connection = StorageConnection.Parse($"AccountName=acct;AccountKey={SecretKey};TableEndpoint=https://acct.table.core.windows.net/acct");
        Assert.False(connection.IsPathStyle(connection.TableEndpoint));
    }

    [Theory]
    [InlineData("AccountName=acct", "no AccountKey")]
    [InlineData("AccountName=acct;AccountKey=", "no AccountKey")]
    [InlineData("AccountKey=" + SecretKey, "no AccountName")]
    [InlineData("AccountName=acct;AccountKey=" + SecretKey + ";garbage", "Name=Value")]
    public void Incomplete_connection_strings_are_refused_with_the_reason(string connectionString, string reason)
    {
        var e = Assert.Throws<ArgumentException>(() => StorageConnection.Parse(connectionString));
        Assert.Equal("connectionString", e.ParamName);
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(SecretKey, e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_key_is_refused_without_echoing_it()
    {
        const string notBase64 = "this is not base64 but secret!";
        var e = Assert.ThrowsAny<ArgumentException>(() => StorageConnection.Parse($"AccountName=acct;AccountKey={notBase64}"));
        Assert.Contains("base64", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(notBase64, e.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_connection_strings_are_refused(string connectionString) =>
        Assert.ThrowsAny<ArgumentException>(() => StorageConnection.Parse(connectionString));

    [Fact]
    public void The_key_never_appears_in_ToString()
    {
        var connection = StorageConnection.Parse($"AccountName=acct;AccountKey={SecretKey}");
        Assert.Equal("StorageConnection(acct, SharedKey)", connection.ToString());
        Assert.Equal("SharedKey(acct)", connection.SharedKey!.ToString());
        Assert.DoesNotContain(SecretKey, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void FromAccountName_uses_https_account_endpoints_and_the_credential()
    {
        var credential = new Azure.Identity.EnvironmentCredential();
        var connection = StorageConnection.FromAccountName("bankflow", credential);
        Assert.Equal(new Uri("https://bankflow.table.core.windows.net"), connection.TableEndpoint);
        Assert.Equal(new Uri("https://bankflow.blob.core.windows.net"), connection.BlobEndpoint);
        Assert.Null(connection.SharedKey);
        Assert.Same(credential, connection.TokenCredential);
        Assert.Equal("StorageConnection(bankflow, Entra ID)", connection.ToString());
        Assert.False(connection.IsPathStyle(connection.TableEndpoint));
        Assert.ThrowsAny<ArgumentException>(() => StorageConnection.FromAccountName(" ", credential));
        Assert.Throws<ArgumentNullException>(() => StorageConnection.FromAccountName("bankflow", null!));
    }

    [Fact]
    public void The_signature_is_hmac_sha256_of_the_string_with_the_decoded_key()
    {
        var credential = new StorageSharedKeyCredential("acct", SecretKey);
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(
            Convert.FromBase64String(SecretKey), "Sun, 22 Nov 2026 09:00:00 GMT\n/acct/Tables"u8.ToArray()));
        Assert.Equal(expected, credential.Sign("Sun, 22 Nov 2026 09:00:00 GMT\n/acct/Tables"));
    }
}
