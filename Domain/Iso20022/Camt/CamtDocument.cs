using Bankflow.Domain.Diagnostics;
using Bankflow.Domain.Iso20022.Common;

namespace Bankflow.Domain.Iso20022.Camt;

/// <summary>
/// A whole camt document in memory, for small files and tests. Large files: enumerate <see cref="CamtReader.Read"/>.
/// </summary>
public sealed record CamtDocument(
    CamtGroupHeader? Header,
    IReadOnlyList<CamtStatementEnd> Statements,
    IReadOnlyList<CamtEntryItem> Entries,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool IsValid => Diagnostics.All(d => d.Severity != Severity.Error);

    public static CamtDocument Read(Stream input, int maxTokenBytes = SafeXmlReader.DefaultMaxTokenBytes)
    {
        var reader = new CamtReader(input, maxTokenBytes: maxTokenBytes);
        CamtGroupHeader? header = null;
        var statements = new List<CamtStatementEnd>();
        var entries = new List<CamtEntryItem>();
        foreach (var item in reader.Read())
        {
            switch (item)
            {
                case CamtGroupHeader h:
                    header = h;
                    break;
                case CamtEntryItem e:
                    entries.Add(e);
                    break;
                case CamtStatementEnd s:
                    statements.Add(s);
                    break;
            }
        }
        return new CamtDocument(header, statements, entries, reader.Diagnostics.ToList());
    }
}
