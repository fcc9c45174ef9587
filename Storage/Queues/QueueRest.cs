using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Queues;

/// <summary>The pipeline and REST version every client of one <see cref="QueueServiceClient"/> shares, plus request helpers and argument rules.</summary>
internal sealed partial class QueueRest(HttpPipeline pipeline, string serviceVersion, Uri serviceEndpoint)
{
    public HttpPipeline Pipeline { get; } = pipeline;

    public Uri ServiceEndpoint { get; } = serviceEndpoint;

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex QueueNamePattern();

    public static void ValidateQueueName(string queueName, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(queueName, parameterName);
        if (!QueueNamePattern().IsMatch(queueName))
        {
            throw new ArgumentException(
                $"queue name '{queueName}' is invalid: 3–63 characters, lower-case letters, digits and single hyphens, starting and ending with a letter or digit",
                parameterName);
        }
    }

    /// <summary>A whole number of seconds within [<paramref name="min"/>, <paramref name="max"/>], as the query parameter wants it.</summary>
    public static string Seconds(TimeSpan value, TimeSpan min, TimeSpan max, string parameterName)
    {
        if (value < min || value > max)
        {
            throw new ArgumentOutOfRangeException(parameterName, value, $"must be between {min} and {max}");
        }
        if (value.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentException($"must be a whole number of seconds (found {value})", parameterName);
        }
        return ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
    }

    public HttpMessage CreateMessage(RequestMethod method, Uri uri)
    {
        var message = Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(uri);
        message.Request.Headers.SetValue("x-ms-version", serviceVersion);
        return message;
    }

    /// <summary>Sends and throws <see cref="RequestFailedException"/> on any error status, unless <paramref name="tolerated"/> matches.</summary>
    public async Task<Response> SendAsync(HttpMessage message, string operation, CancellationToken cancellationToken, int tolerated = 0)
    {
        await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
        var response = message.Response;
        if (response.IsError && response.Status != tolerated)
        {
            throw StorageErrors.Create(response, operation);
        }
        return response;
    }

    public static Uri Child(Uri parent, string encodedPath) =>
        new(parent.AbsoluteUri.TrimEnd('/') + "/" + encodedPath);

    public static DateTimeOffset ParseHttpDate(string value) =>
        DateTimeOffset.ParseExact(value.Trim(), "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string RequiredHeader(Response response, string name, string operation) =>
        response.Headers.TryGetValue(name, out var value) && value is not null
            ? value
            : throw new RequestFailedException(response.Status, $"{operation}: the service answered {response.Status} without the {name} header", "MissingResponseHeader", null);
}
