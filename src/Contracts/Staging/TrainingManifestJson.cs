using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdapterPipeline.Contracts.Staging;

/// <summary>
/// The one JSON form of <see cref="TrainingManifest"/>: snake_case, indented, non-finite losses as "NaN"/"Infinity".
/// Reading is strict (every field present, no nulls where the record has none), so a manifest that does not match
/// the contract fails where it is read rather than rendering half a model card.
/// </summary>
public static class TrainingManifestJson
{
    /// <summary>The serializer options both sides use; also for settings written into the manifest's hyperparameters.</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Writes the manifest to <paramref name="stream"/>.</summary>
    public static Task WriteAsync(Stream stream, TrainingManifest manifest, CancellationToken ct) =>
        JsonSerializer.SerializeAsync(stream, manifest, Options, ct);

    /// <summary>Reads a manifest; throws <see cref="JsonException"/> when the bytes are not one.</summary>
    public static TrainingManifest Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<TrainingManifest>(json, Options) ?? throw new JsonException("The manifest is null.");
}
