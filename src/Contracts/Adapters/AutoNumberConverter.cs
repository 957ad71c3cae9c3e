using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdapterPipeline.Contracts.Adapters;

/// <summary>
/// Reads a hyperparameter that may be left to the trainer: a JSON number is the value, the string <c>"auto"</c>
/// (like null or leaving it out) is null, which the trainer resolves by its documented rule. Writes numbers as
/// numbers and null as null, so JSON written before "auto" existed reads the same.
/// </summary>
public sealed class AutoNumberConverter<T> : JsonConverter<T?> where T : struct, INumber<T>
{
    /// <summary>The string that leaves the value to the trainer.</summary>
    public const string Auto = "auto";

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && string.Equals(reader.GetString(), Auto, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.Number)
        {
            throw new JsonException($"Expected a number or \"{Auto}\".");
        }
        try
        {
            return JsonSerializer.Deserialize<T>(ref reader, options);
        }
        catch (JsonException ex)
        {
            // The nested call stamps its own path ("$"); a fresh exception gets the property's path, so the
            // caller's answer names the field.
            throw new JsonException($"The number does not fit a {typeof(T).Name}.", ex);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } number)
        {
            JsonSerializer.Serialize(writer, number, options);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
