namespace AdapterPipeline.Domain.Validation;

/// <summary>Messages keyed by the offending field (snake_case, as the API spells it), as in RFC 7807 problem details.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool IsEmpty => errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }
        list.Add(message);
        return this;
    }

    public ValidationErrors AddIf(string field, string? message) => message is null ? this : Add(field, message);

    public Dictionary<string, string[]> ToDictionary() => errors.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);

    public static Dictionary<string, string[]> Single(string field, string message) => new() { [field] = [message] };
}
