namespace Bankflow.Functions.Tests.Invocation;

/// <summary>
/// Invocation bodies in the exact shapes the Functions host sends (custom-handler-notes §1.2–1.3, read off
/// the host's code): scalars JSON-encoded twice, blob content base64, objects nested, metadata with sys.
/// </summary>
internal static class ReplayedPayloads
{
    // "NY000010" as base64 is "TlkwMDAwMTA="
    public const string Blob = """
        {"Data":{"file":"TlkwMDAwMTA="},
         "Metadata":{"clientId":"\"acme-as\"","channel":"\"nets\"","name":"\"OCR 2026 æøå.txt\"",
           "Uri":"\"http://127.0.0.1:10000/devstoreaccount1/inbox/acme-as/nets/OCR%202026%20%C3%A6%C3%B8%C3%A5.txt\"",
           "Properties":{"ContentLength":8,"ContentType":"text/plain","ETag":"\"0x8DE2A\"","LastModified":"2026-11-22T06:00:00+00:00"},
           "Metadata":{},
           "sys":{"MethodName":"ImportBankFile","UtcNow":"2026-11-22T06:00:01Z","RandGuid":"5d3b4a4e-0000-4000-8000-000000000001"}}}
        """;

    public const string Timer = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":{"Last":"2026-11-21T05:00:00+00:00","Next":"2026-11-22T05:00:00+00:00","LastUpdated":"2026-11-21T05:00:00+00:00"},"IsPastDue":true}},
         "Metadata":{"sys":{"MethodName":"SbankenMorningFetch","UtcNow":"2026-11-22T05:00:02Z","RandGuid":"5d3b4a4e-0000-4000-8000-000000000002"}}}
        """;

    public const string TimerFirstRun = """
        {"Data":{"timer":{"Schedule":{"AdjustForDST":true},"ScheduleStatus":null,"IsPastDue":false}},"Metadata":{"sys":{"MethodName":"T","UtcNow":"2026-11-22T05:00:02Z","RandGuid":"x"}}}
        """;

    public const string Queue = """
        {"Data":{"msg":"\"hello\""},
         "Metadata":{"DequeueCount":"3","Id":"\"0f6e2c4e-1111-4b1b-9d9e-8c5a4d6c7e21\"","PopReceipt":"\"AgAAAAMAAAAAAAAA\"",
           "InsertionTime":"2026-11-22T06:00:00+00:00","ExpirationTime":"2026-11-29T06:00:00+00:00","NextVisibleTime":"2026-11-22T06:10:00+00:00",
           "sys":{"MethodName":"BlobPoison","UtcNow":"2026-11-22T06:00:01Z","RandGuid":"x"}}}
        """;

    public const string QueueJsonBody = """
        {"Data":{"poison":"\"{\\\"FunctionId\\\":\\\"Host.Functions.ImportBankFile\\\",\\\"BlobType\\\":\\\"BlockBlob\\\",\\\"ContainerName\\\":\\\"inbox\\\",\\\"BlobName\\\":\\\"acme-as/nets/x.txt\\\",\\\"ETag\\\":\\\"0x1\\\"}\""},
         "Metadata":{"DequeueCount":"1","Id":"\"m1\"","FunctionId":"\"Host.Functions.ImportBankFile\"","ContainerName":"\"inbox\"","BlobName":"\"acme-as/nets/x.txt\"",
           "sys":{"MethodName":"BlobPoison","UtcNow":"2026-11-22T06:00:01Z","RandGuid":"x"}}}
        """;

    public const string ServiceBus = """
        {"Data":{"evt":"\"{\\\"eventId\\\":\\\"acme-as:abc\\\",\\\"eventType\\\":\\\"FileImported\\\"}\""},
         "Metadata":{"DeliveryCount":"2","MessageId":"\"6b1f\"","LockToken":"\"lt\"","SequenceNumber":"17","ContentType":"\"text/plain\"",
           "ApplicationProperties":{},"eventId":"\"acme-as:abc\"","eventType":"\"FileImported\"",
           "sys":{"MethodName":"Reconcile","UtcNow":"2026-11-22T06:00:01Z","RandGuid":"x"}}}
        """;

    public const string EventGridObject = """
        {"Data":{"event":{"id":"e1","topic":"/subscriptions/x/resourceGroups/y/providers/Microsoft.Storage/storageAccounts/z",
           "subject":"/blobServices/default/containers/inbox/blobs/acme-as/nets/x.txt","eventType":"Microsoft.Storage.BlobCreated",
           "eventTime":"2026-11-22T06:00:00Z","dataVersion":"","metadataVersion":"1",
           "data":{"api":"PutBlob","contentType":"text/plain","contentLength":8,"blobType":"BlockBlob","url":"https://z.blob.core.windows.net/inbox/acme-as/nets/x.txt"}}},
         "Metadata":{"data":{"api":"PutBlob"},"sys":{"MethodName":"OnBlobCreated","UtcNow":"2026-11-22T06:00:01Z","RandGuid":"x"}}}
        """;

    public const string EventGridString = """
        {"Data":{"event":"{\"id\":\"e2\",\"eventType\":\"Microsoft.Storage.BlobCreated\",\"subject\":\"/blobServices/default/containers/inbox/blobs/a\",\"data\":{\"url\":\"u\"}}"},
         "Metadata":{"sys":{"MethodName":"OnBlobCreated","UtcNow":"2026-11-22T06:00:01Z","RandGuid":"x"}}}
        """;

    public const string Http = """
        {"Data":{"req":{"Url":"http://localhost:7071/api/clients/acme-as/files?name=x","Method":"POST",
           "Query":{"name":"\"x\""},"Headers":{"Content-Type":["application/octet-stream"],"X-File-Name":["x.txt"]},
           "Params":{"clientId":"\"acme-as\""},"Identities":[],"Body":"TlkwMDAwMTA="}},
         "Metadata":{"clientId":"\"acme-as\"","sys":{"MethodName":"UploadBankFile","UtcNow":"2026-11-22T06:00:01Z","RandGuid":"x"}}}
        """;
}
