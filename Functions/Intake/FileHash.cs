using System.Buffers;
using System.Security.Cryptography;
using Bankflow.Domain.Files;

namespace Bankflow.Functions.Intake;

/// <summary>A file's identity and its first bytes, from one streamed pass.</summary>
public sealed record FileHash(string Sha256, long Length, byte[] Head)
{
    private const int ChunkBytes = 81920;

    /// <summary>SHA-256 (lower-case hex) and the first <see cref="FormatDetector.HeadLength"/> bytes, for format detection.</summary>
    public static async Task<FileHash> ComputeAsync(IFileContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var head = new byte[FormatDetector.HeadLength];
        var headLength = 0;
        long length = 0;
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            await using var stream = await content.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            int read;
            while ((read = await stream.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken).ConfigureAwait(false)) > 0)
            {
                sha.AppendData(chunk, 0, read);
                var copy = Math.Min(read, head.Length - headLength);
                if (copy > 0)
                {
                    Buffer.BlockCopy(chunk, 0, head, headLength, copy);
                    headLength += copy;
                }
                length += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return new FileHash(Convert.ToHexStringLower(sha.GetHashAndReset()), length, head[..headLength]);
    }
}
