using System.Text.Json;
using System.Text.Json.Serialization;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Reports;

/// <summary>training_manifest.json: the request as trained, what the run measured, and the sample completions.</summary>
public sealed record TrainingManifest(TrainingRequest Hyperparameters, TrainingMetrics Metrics, IReadOnlyList<SampleCompletion> Samples)
{
    public const string FileName = "training_manifest.json";

    /// <summary>The job that produced the adapter.</summary>
    public Guid? JobId { get; init; }

    /// <summary>False for an untrained (B = 0) adapter.</summary>
    public bool Trained { get; init; } = true;

    public string BaseModel => Hyperparameters.BaseModel;

    /// <summary>The files trained on, as snapshotted when the job was accepted.</summary>
    public IReadOnlyList<ManifestFile> TrainingFiles { get; init; } = [];

    /// <summary>What produced the adapter, so a run can be reproduced.</summary>
    public IReadOnlyDictionary<string, string> SoftwareVersions { get; init; } = Versions;

    private static readonly IReadOnlyDictionary<string, string> Versions = new Dictionary<string, string>
    {
        ["adapter_pipeline"] = typeof(TrainingManifest).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "unknown",
        ["libtorch"] = TorchSharp.torch.__version__,
        ["dotnet"] = Environment.Version.ToString(),
    };

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static TrainingManifest From(TrainingRequest request, TrainingResult result) => new(request, result.Metrics, result.Samples);

    public async Task WriteAsync(Stream stream, CancellationToken ct) => await JsonSerializer.SerializeAsync(stream, this, Json, ct);

    /// <summary>One training file: name, size and SHA-256.</summary>
    public sealed record ManifestFile(string FileName, long SizeBytes, string Sha256);

    public static async Task<TrainingManifest?> ReadAsync(Stream stream, CancellationToken ct) =>
        await JsonSerializer.DeserializeAsync<TrainingManifest>(stream, Json, ct);
}
