using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Bankflow.Storage.Core;

namespace Bankflow.Storage.Queues;

/// <summary>Queue-specific helpers and argument rules on top of <see cref="StorageRest"/>, shared by the clients of one <see cref="QueueServiceClient"/>.</summary>
internal sealed partial class QueueRest(HttpPipeline pipeline, string serviceVersion, Uri serviceEndpoint)
    : StorageRest(pipeline, serviceVersion, serviceEndpoint)
{
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
}
