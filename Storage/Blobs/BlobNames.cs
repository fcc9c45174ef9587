using System.Text;
using System.Text.RegularExpressions;

namespace Bankflow.Storage.Blobs;

/// <summary>Container and blob name rules, checked before any request, and the blob path encoding.</summary>
internal static partial class BlobNames
{
    public const int MaxBlobNameLength = 1024;

    [GeneratedRegex("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerNamePattern();

    public static void ValidateContainerName(string containerName, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(containerName, parameterName);
        if (!ContainerNamePattern().IsMatch(containerName))
        {
            throw new ArgumentException(
                $"container name '{containerName}' is invalid: 3–63 characters, lower-case letters, digits and single hyphens, starting and ending with a letter or digit",
                parameterName);
        }
    }

    /// <summary>
    /// 1–1024 characters; no control characters (they cannot travel in the XML listing); not ending in '.' or '/';
    /// no empty, "." or ".." path segments (URI normalisation would silently change the name).
    /// </summary>
    public static void ValidateBlobName(string blobName, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(blobName, parameterName);
        if (blobName.Length is 0 or > MaxBlobNameLength)
        {
            throw new ArgumentException($"blob name must be 1–{MaxBlobNameLength} characters (found {blobName.Length})", parameterName);
        }
        for (var i = 0; i < blobName.Length; i++)
        {
            var c = blobName[i];
            if (char.IsHighSurrogate(c) && i + 1 < blobName.Length && char.IsLowSurrogate(blobName[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                throw new ArgumentException($"blob name must not contain control characters or lone surrogates (found U+{(int)c:X4} at index {i})", parameterName);
            }
        }
        if (blobName.EndsWith('.') || blobName.EndsWith('/'))
        {
            throw new ArgumentException($"blob name must not end with '.' or '/' (found '{blobName}')", parameterName);
        }
        foreach (var segment in blobName.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                throw new ArgumentException($"blob name must not contain empty, '.' or '..' path segments (found '{blobName}')", parameterName);
            }
        }
    }

    /// <summary>Percent-encodes each '/'-separated segment (UTF-8), keeping the slashes as path separators.</summary>
    public static string EncodePath(string blobName)
    {
        var path = new StringBuilder(blobName.Length + 16);
        foreach (var segment in blobName.Split('/'))
        {
            if (path.Length > 0)
            {
                path.Append('/');
            }
            path.Append(Uri.EscapeDataString(segment));
        }
        return path.ToString();
    }
}
