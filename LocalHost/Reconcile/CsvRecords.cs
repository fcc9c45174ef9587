using System.Text;

namespace Bankflow.LocalHost.Reconcile;

/// <summary>One CSV record: its fields and the line it starts on (a quoted field may span lines).</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>A CSV syntax error (a quote in the wrong place, a quoted field never closed).</summary>
internal sealed record CsvSyntaxError(int Line, int Column, string Message);

/// <summary>
/// Reads CSV as RFC 4180 has it: fields separated by commas, records by CRLF or LF; a field in double quotes may
/// hold commas, line breaks and doubled quotes (""). Blank lines are skipped. Columns are counted from 1.
/// </summary>
internal static class CsvRecords
{
    public static IEnumerable<CsvRecord> Read(string text, List<CsvSyntaxError> errors)
    {
        var position = 0;
        var line = 1;
        while (position < text.Length)
        {
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var ended = false;
            while (!ended)
            {
                if (position < text.Length && text[position] == '"')
                {
                    // Quoted: up to the closing quote; "" is one quote.
                    position++;
                    var opened = line;
                    while (true)
                    {
                        if (position >= text.Length)
                        {
                            errors.Add(new CsvSyntaxError(opened, fields.Count + 1, "a quoted field is never closed"));
                            yield break;
                        }
                        var c = text[position++];
                        if (c == '"')
                        {
                            if (position < text.Length && text[position] == '"')
                            {
                                field.Append('"');
                                position++;
                                continue;
                            }
                            break;
                        }
                        if (c == '\n')
                        {
                            line++;
                        }
                        field.Append(c);
                    }
                    if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                    {
                        errors.Add(new CsvSyntaxError(line, fields.Count + 1, $"expected a comma or the end of the line after a quoted field, found '{text[position]}'"));
                        yield break;
                    }
                }
                else
                {
                    while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                    {
                        if (text[position] == '"')
                        {
                            errors.Add(new CsvSyntaxError(line, fields.Count + 1, "a quote inside an unquoted field (quote the whole field and double the quote)"));
                            yield break;
                        }
                        field.Append(text[position++]);
                    }
                }
                fields.Add(field.ToString());
                field.Clear();
                if (position >= text.Length)
                {
                    ended = true;
                }
                else if (text[position] == ',')
                {
                    position++;
                }
                else
                {
                    position += text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n' ? 2 : 1;
                    line++;
                    ended = true;
                }
            }
            if (fields is [""])
            {
                continue; // blank line
            }
            yield return new CsvRecord(start, fields);
        }
    }
}
