using System.Text.RegularExpressions;

namespace Bankflow.Storage.Tables;

/// <summary>Table-name rule of the Table service: 3–63 ASCII letters or digits, starting with a letter.</summary>
internal static partial class TableNames
{
    public static void Validate(string? tableName, string parameterName)
    {
        if (tableName is null)
        {
            throw new ArgumentNullException(parameterName, "table name must not be null");
        }
        if (!Pattern().IsMatch(tableName))
        {
            throw new ArgumentException(
                $"table name must match ^[A-Za-z][A-Za-z0-9]{{2,62}}$ (3–63 letters or digits, starting with a letter); found \"{Shorten(tableName)}\"",
                parameterName);
        }
        // "Tables" is the service's own resource; creating it would address the table list instead.
        if (tableName.Equals("Tables", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("table name \"Tables\" is reserved by the Table service", parameterName);
        }
    }

    internal static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
