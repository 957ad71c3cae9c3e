using System.Text.Json;
using System.Text.Json.Serialization;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Reports;

/// <summary>training_manifest.json: the request as trained, what the run measured, and the sample completions.</summary>
public sealed record TrainingManifest(TrainingRequest Hyperparameters, TrainingMetrics Metrics, IReadOnlyList<SampleCompletion> Samples)
{
    public const string FileName = "training_manifest.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static TrainingManifest From(TrainingRequest request, TrainingResult result) => new(request, result.Metrics, result.Samples);

    public async Task WriteAsync(Stream stream, CancellationToken ct) => await JsonSerializer.SerializeAsync(stream, this, Json, ct);

    public static async Task<TrainingManifest?> ReadAsync(Stream stream, CancellationToken ct) =>
        await JsonSerializer.DeserializeAsync<TrainingManifest>(stream, Json, ct);
}
