using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdapterPipeline.Ingress.Problems;

/// <summary>
/// Refuses a JSON number that does not fit a double (<c>1e999</c> reads as infinity, which no message can carry):
/// the <see cref="JsonException"/> reaches <see cref="ProblemMapping"/> as a 400 naming the field.
/// </summary>
public sealed class FiniteNumbers : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : throw new JsonException("must be a number");
        return double.IsFinite(value) ? value : throw new JsonException("must be a finite number within the range of a double");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
