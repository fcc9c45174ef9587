using System.Globalization;
using Bankflow.Domain.Banking;
using Bankflow.Domain.Values;
using Bankflow.Functions.Banking;
using Bankflow.Functions.Intake;
using Bankflow.Functions.Sbanken;

namespace Bankflow.Functions.Reconciliation;

/// <summary>
/// The client's bank entries that reconciliation may read: those whose import committed — the file's FileImports record
/// is <c>Imported</c>, or the Sbanken day is marked read. An entry of a file still Received (an import that died half-way)
/// or later quarantined is never matched.
/// <para>Seam: branch <c>outage</c> makes "committed only" a property of <see cref="BankEntryStore"/> reads. Once that is
/// on main, this filter is redundant (harmless) and can be reduced to the store's read.</para>
/// </summary>
public sealed class CommittedEntries(BankEntryStore entries, FileImportStore imports, SbankenDayStore days)
{
    private const string SbankenPrefix = "sbanken:";

    public async Task<IReadOnlyList<BankEntry>> ReadAsync(ClientId client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var stored = await entries.ListClientAsync(client, cancellationToken).ConfigureAwait(false);
        var committed = new Dictionary<string, bool>(StringComparer.Ordinal);
        var sbankenRead = new Dictionary<string, IReadOnlySet<DateOnly>>(StringComparer.Ordinal);
        var list = new List<BankEntry>(stored.Count);
        foreach (var row in stored)
        {
            if (!committed.TryGetValue(row.SourceImport, out var ok))
            {
                ok = await IsCommittedAsync(client, row.SourceImport, sbankenRead, cancellationToken).ConfigureAwait(false);
                committed[row.SourceImport] = ok;
            }
            if (ok)
            {
                list.Add(row.Entry);
            }
        }
        return list;
    }

    private async Task<bool> IsCommittedAsync(ClientId client, string source, Dictionary<string, IReadOnlySet<DateOnly>> sbankenRead, CancellationToken cancellationToken)
    {
        if (source.StartsWith(SbankenPrefix, StringComparison.Ordinal))
        {
            // sbanken:{account}:{yyyy-MM-dd} (SbankenFetchService.ImportId): committed when the day is marked read.
            var rest = source[SbankenPrefix.Length..];
            var colon = rest.LastIndexOf(':');
            if (colon <= 0 || !DateOnly.TryParseExact(rest[(colon + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return false;
            }
            var account = rest[..colon];
            if (!sbankenRead.TryGetValue(account, out var read))
            {
                sbankenRead[account] = read = await days.ReadDaysAsync(client, account, DateOnly.MinValue, cancellationToken).ConfigureAwait(false);
            }
            return read.Contains(day);
        }
        var record = await imports.GetAsync(client, source, cancellationToken).ConfigureAwait(false);
        return record is { Status: FileImportStatus.Imported };
    }
}
