using Azure.Data.Tables;

namespace Bankflow.Functions.Infrastructure;

/// <summary>Writing optional values: Table Storage has no null, an absent property is how "none" is stored.</summary>
public static class TableEntityExtensions
{
    public static void SetIfNotNull(this TableEntity entity, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
