using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Azure;

namespace Bankflow.Storage.Tables;

/// <summary>
/// One Table row: the keys, the server-managed <see cref="ETag"/> and <see cref="Timestamp"/>, and typed custom
/// properties. Supported value types (each round-trips exactly): <see cref="string"/>, <see cref="long"/> (Edm.Int64),
/// <see cref="int"/> (Edm.Int32), <see cref="bool"/>, <see cref="double"/> (finite; Edm.Double), <see cref="DateTimeOffset"/>
/// (Edm.DateTime; stored in UTC with 100 ns precision, so it comes back with offset zero), <see cref="Guid"/> and
/// <c>byte[]</c> (Edm.Binary). Anything else, null included, is refused when set, not when sent.
/// Like Azure.Data.Tables' TableEntity this is a dictionary of the custom properties.
/// </summary>
public sealed class TableEntity : IDictionary<string, object>, IReadOnlyDictionary<string, object>
{
    /// <summary>Azure's limit: 255 properties including PartitionKey, RowKey and Timestamp.</summary>
    public const int MaxCustomProperties = 252;

    private readonly Dictionary<string, object> _properties = new(StringComparer.Ordinal);

    public TableEntity()
    {
    }

    public TableEntity(string partitionKey, string rowKey)
    {
        PartitionKey = partitionKey;
        RowKey = rowKey;
    }

    /// <summary>Validated when the entity is sent (see <see cref="TableKeys"/>).</summary>
    public string PartitionKey { get; set; } = "";

    /// <summary>Validated when the entity is sent (see <see cref="TableKeys"/>).</summary>
    public string RowKey { get; set; } = "";

    /// <summary>Set on entities read from the service; send it back as <c>ifMatch</c> for optimistic concurrency.</summary>
    public ETag ETag { get; set; }

    /// <summary>Server-managed last-modified time; ignored when writing.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public object this[string key]
    {
        get => _properties[key];
        set
        {
            TableProperties.ValidateName(key, nameof(key));
            TableProperties.ValidateValue(key, value, nameof(value));
            _properties[key] = value;
        }
    }

    public ICollection<string> Keys => _properties.Keys;

    public ICollection<object> Values => _properties.Values;

    IEnumerable<string> IReadOnlyDictionary<string, object>.Keys => _properties.Keys;

    IEnumerable<object> IReadOnlyDictionary<string, object>.Values => _properties.Values;

    public int Count => _properties.Count;

    bool ICollection<KeyValuePair<string, object>>.IsReadOnly => false;

    public void Add(string key, object value)
    {
        TableProperties.ValidateName(key, nameof(key));
        TableProperties.ValidateValue(key, value, nameof(value));
        _properties.Add(key, value);
    }

    /// <summary>Values read from the service are stored as they are: rows written by other clients may hold what we refuse to set (NaN).</summary>
    internal void SetFromService(string key, object value) => _properties[key] = value;

    public bool ContainsKey(string key) => _properties.ContainsKey(key);

    public bool Remove(string key) => _properties.Remove(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object value) => _properties.TryGetValue(key, out value);

    public void Clear() => _properties.Clear();

    public string? GetString(string key) => Get<string>(key);

    public long? GetInt64(string key) => GetStruct<long>(key);

    public int? GetInt32(string key) => GetStruct<int>(key);

    public bool? GetBoolean(string key) => GetStruct<bool>(key);

    public double? GetDouble(string key) => GetStruct<double>(key);

    public DateTimeOffset? GetDateTimeOffset(string key) => GetStruct<DateTimeOffset>(key);

    public Guid? GetGuid(string key) => GetStruct<Guid>(key);

    public byte[]? GetBinary(string key) => Get<byte[]>(key);

    /// <summary>Null when absent; <see cref="InvalidOperationException"/> when present with another type (a schema mismatch is a bug, not a default).</summary>
    private T? Get<T>(string key) where T : class =>
        !_properties.TryGetValue(key, out var value) ? null
        : value as T ?? throw WrongType(key, typeof(T), value);

    private T? GetStruct<T>(string key) where T : struct =>
        !_properties.TryGetValue(key, out var value) ? null
        : value is T typed ? typed : throw WrongType(key, typeof(T), value);

    private static InvalidOperationException WrongType(string key, Type expected, object found) =>
        new($"property '{key}' holds {found.GetType().Name}, not {expected.Name}");

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _properties.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    void ICollection<KeyValuePair<string, object>>.Add(KeyValuePair<string, object> item) => Add(item.Key, item.Value);

    bool ICollection<KeyValuePair<string, object>>.Contains(KeyValuePair<string, object> item) =>
        ((ICollection<KeyValuePair<string, object>>)_properties).Contains(item);

    void ICollection<KeyValuePair<string, object>>.CopyTo(KeyValuePair<string, object>[] array, int arrayIndex) =>
        ((ICollection<KeyValuePair<string, object>>)_properties).CopyTo(array, arrayIndex);

    bool ICollection<KeyValuePair<string, object>>.Remove(KeyValuePair<string, object> item) =>
        ((ICollection<KeyValuePair<string, object>>)_properties).Remove(item);

    public override string ToString() => $"TableEntity(PartitionKey={PartitionKey}, RowKey={RowKey}, {Count} properties)";
}
