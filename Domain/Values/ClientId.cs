namespace Bankflow.Domain.Values;

/// <summary>
/// The id of a client company (klient) whose books Bankflow serves. It is the first part of every
/// table partition key and blob path, so its alphabet is safe for both: lower-case a–z, 0–9 and '-',
/// 3–63 characters, starting with a letter or digit.
/// </summary>
public sealed record ClientId
{
    private ClientId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out ClientId? id, out string? error)
    {
        id = null;
        if (string.IsNullOrEmpty(text))
        {
            error = "client id is empty";
            return false;
        }
        if (text.Length is < 3 or > 63)
        {
            error = $"client id must be 3–63 characters, found {text.Length}";
            return false;
        }
        if (text[0] == '-')
        {
            error = "client id must start with a letter or digit";
            return false;
        }
        foreach (var c in text)
        {
            if (!(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                error = "client id may hold only lower-case a–z, 0–9 and '-'";
                return false;
            }
        }
        id = new ClientId(text);
        error = null;
        return true;
    }

    public static ClientId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id! : throw new FormatException(error);

    public override string ToString() => Value;
}
