using Bankflow.Storage.Tables;

namespace Bankflow.Storage.Tests.Tables;

/// <summary>The multipart answer parser, on answers written by hand in the shape Azurite 3.37 and Azure send.</summary>
public sealed class TableBatchWireFormatTests
{
    private const string FailedAnswer =
        "--batchresponse_b1\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_c1\r\n\r\n" +
        "--changesetresponse_c1\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 409 Conflict\r\nContent-ID: 2\r\nContent-Type: application/json;odata=minimalmetadata;charset=utf-8\r\n\r\n" +
        "{\"odata.error\":{\"code\":\"EntityAlreadyExists\",\"message\":{\"lang\":\"en-US\",\"value\":\"1:The specified entity already exists.\\nRequestId:x\"}}}\r\n" +
        "--changesetresponse_c1--\r\n" +
        "--batchresponse_b1--\r\n";

    private const string SucceededAnswer =
        "--batchresponse_b2\r\n" +
        "Content-Type: multipart/mixed; boundary=changesetresponse_c2\r\n\r\n" +
        "--changesetresponse_c2\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 204 No Content\r\nContent-ID: 1\r\nETag: W/\"datetime'2026-11-22T09%3A00%3A00.1Z'\"\r\n\r\n\r\n" +
        "--changesetresponse_c2\r\n" +
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        "HTTP/1.1 204 No Content\r\nContent-ID: 2\r\n\r\n\r\n" +
        "--changesetresponse_c2--\r\n" +
        "--batchresponse_b2--\r\n";

    [Fact]
    public void A_failed_changeset_yields_its_status_and_the_index_from_the_message()
    {
        var part = Assert.Single(TableBatch.ParseResponse(FailedAnswer, "multipart/mixed; boundary=batchresponse_b1"));
        Assert.Equal(409, part.Status);
        Assert.Equal("Conflict", part.ReasonPhrase);
        Assert.StartsWith("{\"odata.error\"", part.Body, StringComparison.Ordinal);
        Assert.Equal(1, TableBatch.IndexFromMessage("1:The specified entity already exists."));
        Assert.Equal(99, TableBatch.IndexFromMessage("99:Precondition failed"));
        Assert.Null(TableBatch.IndexFromMessage("The specified entity already exists."));
        Assert.Null(TableBatch.IndexFromMessage("x1:oops"));
    }

    [Fact]
    public void A_succeeded_changeset_yields_one_response_per_action_with_headers()
    {
        var parts = TableBatch.ParseResponse(SucceededAnswer, "multipart/mixed; boundary=\"batchresponse_b2\"");
        Assert.Equal([204, 204], parts.Select(p => p.Status));
        Assert.Equal("W/\"datetime'2026-11-22T09%3A00%3A00.1Z'\"", parts[0].Headers["etag"]);
        Assert.False(parts[1].Headers.ContainsKey("ETag"));
    }

    [Fact]
    public void An_answer_without_boundary_or_status_line_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => TableBatch.ParseResponse(SucceededAnswer, "application/json"));
        Assert.Throws<FormatException>(() => TableBatch.ParseResponse(
            "--b\r\nContent-Type: application/http\r\n\r\nnot a status line\r\n--b--\r\n", "multipart/mixed; boundary=b"));
    }

    [Fact]
    public void The_request_body_holds_one_changeset_with_absolute_urls_quoted_keys_and_if_match()
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, new TableEntity("p", "a")),
            new(TableTransactionActionType.UpdateMerge, new TableEntity("p", "O'Brien æ"), new Azure.ETag("W/\"x\"")),
            new(TableTransactionActionType.Delete, new TableEntity("p", "d")),
        };
        var body = System.Text.Encoding.UTF8.GetString(
            TableBatch.CreateBody("batch_1", "changeset_1", new Uri("http://127.0.0.1:10002/devstoreaccount1"), "Invoices", actions, "transactionActions"));
        Assert.Contains("POST http://127.0.0.1:10002/devstoreaccount1/Invoices HTTP/1.1\r\n", body, StringComparison.Ordinal);
        Assert.Contains("MERGE http://127.0.0.1:10002/devstoreaccount1/Invoices(PartitionKey='p',RowKey='O%27%27Brien%20%C3%A6') HTTP/1.1\r\n", body, StringComparison.Ordinal);
        Assert.Contains("If-Match: W/\"x\"\r\n", body, StringComparison.Ordinal);
        Assert.Contains("DELETE http://127.0.0.1:10002/devstoreaccount1/Invoices(PartitionKey='p',RowKey='d') HTTP/1.1\r\n", body, StringComparison.Ordinal);
        Assert.Contains("If-Match: *\r\n", body, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(body, "Content-Type: multipart/mixed; boundary=changeset_1"));
        Assert.Equal(3, CountOf(body, "--changeset_1\r\n"));
        Assert.EndsWith("--changeset_1--\r\n--batch_1--\r\n", body, StringComparison.Ordinal);
    }

    private static int CountOf(string text, string value) => text.Split(value).Length - 1;
}
