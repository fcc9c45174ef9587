using System.Globalization;
using System.Text;
using Azure;

namespace Bankflow.Storage.Tables;

/// <summary>
/// The <c>$batch</c> wire format (multipart/mixed: one batch holding one changeset) and the client-side rules the
/// service applies — checked here before sending, because Azurite does not check one partition per batch.
/// </summary>
internal static class TableBatch
{
    public const int MaxActions = 100;

    /// <summary>4 MiB: the service's limit on the whole request body.</summary>
    public const int MaxBodyBytes = 4 * 1024 * 1024;

    public static List<TableTransactionAction> Validate(IEnumerable<TableTransactionAction>? transactionActions, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(transactionActions, parameterName);
        var actions = transactionActions.ToList();
        if (actions.Count == 0)
        {
            throw new ArgumentException("a transaction needs at least one action", parameterName);
        }
        if (actions.Count > MaxActions)
        {
            throw new ArgumentException($"a transaction may hold at most {MaxActions} actions; found {actions.Count}", parameterName);
        }
        var rows = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i] ?? throw new ArgumentException($"action {i} is null", parameterName);
            var entity = action.Entity;
            try
            {
                TableEntityJson.Validate(entity, parameterName);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"action {i}: {FirstSentence(e.Message)}", parameterName, e);
            }
            if (!string.Equals(entity.PartitionKey, actions[0].Entity.PartitionKey, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"all actions of a transaction must share one PartitionKey; action 0 has \"{TableNames.Shorten(actions[0].Entity.PartitionKey)}\", action {i} has \"{TableNames.Shorten(entity.PartitionKey)}\"",
                    parameterName);
            }
            if (!rows.Add(entity.RowKey))
            {
                throw new ArgumentException(
                    $"each entity may appear only once in a transaction; RowKey \"{TableNames.Shorten(entity.RowKey)}\" appears again at action {i}", parameterName);
            }
        }
        return actions;
    }

    /// <summary>ArgumentException appends " (Parameter 'x')"; strip it when nesting messages.</summary>
    private static string FirstSentence(string message)
    {
        var at = message.LastIndexOf(" (Parameter '", StringComparison.Ordinal);
        return at < 0 ? message : message[..at];
    }

    /// <summary>Writes the multipart body; throws ArgumentException when it exceeds 4 MiB.</summary>
    public static byte[] CreateBody(string batchBoundary, string changesetBoundary, Uri tableUri, string tableName, IReadOnlyList<TableTransactionAction> actions, string parameterName)
    {
        var text = new StringBuilder();
        text.Append("--").Append(batchBoundary).Append("\r\n");
        text.Append("Content-Type: multipart/mixed; boundary=").Append(changesetBoundary).Append("\r\n\r\n");
        var tableUrl = tableUri.AbsoluteUri.TrimEnd('/') + "/" + tableName;
        for (var i = 0; i < actions.Count; i++)
        {
            var action = actions[i];
            var entity = action.Entity;
            var entityUrl = tableUrl + TableRest.EntityPath("", entity.PartitionKey, entity.RowKey);
            var (method, url, ifMatch, withBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", tableUrl, null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", entityUrl, null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityUrl, null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", entityUrl, TableRest.IfMatch(action.ETag), true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityUrl, TableRest.IfMatch(action.ETag), true),
                TableTransactionActionType.Delete => ("DELETE", entityUrl, TableRest.IfMatch(action.ETag), false),
                _ => throw new ArgumentException($"action {i}: unknown action type {action.ActionType}", parameterName),
            };
            text.Append("--").Append(changesetBoundary).Append("\r\n");
            text.Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n");
            text.Append(method).Append(' ').Append(url).Append(" HTTP/1.1\r\n");
            text.Append("Content-ID: ").Append((i + 1).ToString(CultureInfo.InvariantCulture)).Append("\r\n");
            text.Append("Accept: ").Append(TableRest.AcceptNoMetadata).Append("\r\n");
            text.Append("Prefer: return-no-content\r\n");
            text.Append("DataServiceVersion: 3.0;\r\n");
            if (ifMatch is not null)
            {
                text.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }
            if (withBody)
            {
                text.Append("Content-Type: application/json\r\n\r\n");
                text.Append(Encoding.UTF8.GetString(TableEntityJson.Serialize(entity, parameterName))).Append("\r\n");
            }
            else
            {
                text.Append("\r\n");
            }
        }
        text.Append("--").Append(changesetBoundary).Append("--\r\n");
        text.Append("--").Append(batchBoundary).Append("--\r\n");
        var body = Encoding.UTF8.GetBytes(text.ToString());
        if (body.Length > MaxBodyBytes)
        {
            throw new ArgumentException(
                $"a transaction body may be at most {MaxBodyBytes} bytes (4 MiB); these {actions.Count} actions make {body.Length} bytes", parameterName);
        }
        return body;
    }

    /// <summary>One HTTP response inside the multipart answer.</summary>
    public sealed record PartResponse(int Status, string ReasonPhrase, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>Splits the 202 answer into the per-action responses (in action order).</summary>
    public static List<PartResponse> ParseResponse(string body, string? contentType)
    {
        var boundary = BoundaryOf(contentType) ?? throw new FormatException("batch response has no multipart boundary");
        var parts = new List<PartResponse>();
        foreach (var part in SplitParts(body, boundary))
        {
            var (headers, content) = SplitHeaders(part);
            if (headers.TryGetValue("Content-Type", out var type) && type.StartsWith("multipart/mixed", StringComparison.OrdinalIgnoreCase))
            {
                var inner = BoundaryOf(type) ?? throw new FormatException("changeset response has no boundary");
                foreach (var change in SplitParts(content, inner))
                {
                    parts.Add(ParseHttp(SplitHeaders(change).Body));
                }
            }
            else
            {
                parts.Add(ParseHttp(content));
            }
        }
        return parts;
    }

    private static string? BoundaryOf(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }
        foreach (var piece in contentType.Split(';', StringSplitOptions.TrimEntries))
        {
            if (piece.StartsWith("boundary=", StringComparison.OrdinalIgnoreCase))
            {
                return piece["boundary=".Length..].Trim('"');
            }
        }
        return null;
    }

    private static IEnumerable<string> SplitParts(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var pieces = body.Split(delimiter);
        // pieces[0] is the preamble; a piece starting with "--" follows the closing delimiter.
        for (var i = 1; i < pieces.Length; i++)
        {
            if (pieces[i].StartsWith("--", StringComparison.Ordinal))
            {
                yield break;
            }
            yield return pieces[i].TrimStart('\r', '\n');
        }
    }

    private static (Dictionary<string, string> Headers, string Body) SplitHeaders(string text)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var normalized = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        var end = normalized.IndexOf("\n\n", StringComparison.Ordinal);
        var head = end < 0 ? normalized : normalized[..end];
        var rest = end < 0 ? "" : normalized[(end + 2)..];
        foreach (var line in head.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }
        return (headers, rest);
    }

    private static PartResponse ParseHttp(string text)
    {
        var normalized = text.TrimStart('\r', '\n').Replace("\r\n", "\n", StringComparison.Ordinal);
        var newline = normalized.IndexOf('\n', StringComparison.Ordinal);
        var statusLine = newline < 0 ? normalized : normalized[..newline];
        // "HTTP/1.1 409 Conflict"
        var fields = statusLine.Split(' ', 3);
        if (fields.Length < 2 || !fields[0].StartsWith("HTTP/", StringComparison.Ordinal) ||
            !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            throw new FormatException($"batch response part does not start with an HTTP status line: \"{TableNames.Shorten(statusLine)}\"");
        }
        var (headers, body) = SplitHeaders(newline < 0 ? "" : normalized[(newline + 1)..]);
        return new PartResponse(status, fields.Length > 2 ? fields[2].Trim() : "", headers, body.Trim());
    }

    /// <summary>The service prefixes the failed change's message with its zero-based index: "1:The specified entity already exists.".</summary>
    public static int? IndexFromMessage(string? message)
    {
        if (message is null)
        {
            return null;
        }
        var colon = message.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && int.TryParse(message.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;
    }
}
