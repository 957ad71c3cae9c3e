using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdapterPipeline.PackagingWorker.Packaging;

/// <summary>
/// What the model card needs from training_manifest.json (snake_case, written by the training worker's
/// <c>TrainingManifest</c>). Read as JSON so this worker does not depend on the training worker; every field but the
/// root object is optional, so a newer or older manifest still renders.
/// </summary>
public sealed record TrainingManifestSummary(
    string? JobId,
    string? BaseModel,
    bool Trained,
    IReadOnlyList<KeyValuePair<string, string>> Hyperparameters,
    IReadOnlyList<TrainingFileUsed> TrainingFiles,
    ManifestMetrics? Metrics,
    IReadOnlyList<ManifestSample> Samples,
    IReadOnlyList<KeyValuePair<string, string>> SoftwareVersions)
{
    public static TrainingManifestSummary Parse(ReadOnlySpan<byte> json)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject
                ?? throw new PackagingInputException($"{AdapterFileNames.Manifest} is not a JSON object.");
        }
        catch (JsonException)
        {
            throw new PackagingInputException($"{AdapterFileNames.Manifest} is not valid JSON.");
        }

        var hyperparameters = root["hyperparameters"] as JsonObject;
        var metrics = ReadMetrics(root["metrics"] as JsonObject);
        var trained = Bool(root["trained"]) ?? (metrics?.TotalSteps ?? 0) > 0;
        return new TrainingManifestSummary(
            JobId: Text(root["job_id"]),
            BaseModel: Text(root["base_model"]) ?? Text(hyperparameters?["base_model"]),
            Trained: trained,
            Hyperparameters: Pairs(hyperparameters),
            TrainingFiles: ReadFiles(root["training_files"] ?? root["files"]),
            Metrics: metrics,
            Samples: ReadSamples(root["samples"]),
            SoftwareVersions: Pairs(root["software_versions"] as JsonObject));
    }

    private static ManifestMetrics? ReadMetrics(JsonObject? metrics) => metrics is null ? null : new ManifestMetrics(
        FinalTrainLoss: Number(metrics["final_train_loss"]),
        FinalEvalLoss: Number(metrics["final_eval_loss"]),
        TokensPerSecond: Number(metrics["tokens_per_second"]),
        Device: Text(metrics["device"]),
        Dtype: Text(metrics["dtype"]),
        WallTimeSeconds: Number(metrics["wall_time_seconds"]),
        TotalSteps: Number(metrics["total_steps"]) is { } steps ? (int)steps : null);

    private static IReadOnlyList<TrainingFileUsed> ReadFiles(JsonNode? files) =>
        (files as JsonArray)?.OfType<JsonObject>()
            .Select(f => (Name: Text(f["name"]) ?? Text(f["file_name"]), Sha256: Text(f["sha256"])))
            .Where(f => f.Name is not null)
            .Select(f => new TrainingFileUsed(f.Name!, f.Sha256))
            .ToList() ?? [];

    private static IReadOnlyList<ManifestSample> ReadSamples(JsonNode? samples) =>
        (samples as JsonArray)?.OfType<JsonObject>()
            .Select(s => new ManifestSample(Text(s["prompt"]) ?? "", Text(s["base_completion"]) ?? "", Text(s["adapter_completion"]) ?? ""))
            .ToList() ?? [];

    /// <summary>Each property as display text; numbers keep their JSON spelling so the card shows what was trained.</summary>
    private static IReadOnlyList<KeyValuePair<string, string>> Pairs(JsonObject? values) =>
        values?.Select(p => KeyValuePair.Create(p.Key, Display(p.Value))).ToList() ?? [];

    private static string Display(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => string.Join(", ", array.Select(Display)),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string? Text(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.ToJsonString(),
        _ => null,
    };

    private static bool? Bool(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>Numbers, and the "NaN"/"Infinity" strings the manifest writes for non-finite losses.</summary>
    private static double? Number(JsonNode? node) => node switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<double>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String
            && double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}

/// <summary>A training file the run read, with the SHA-256 it had.</summary>
public sealed record TrainingFileUsed(string Name, string? Sha256);

/// <summary>The headline metrics of the run.</summary>
public sealed record ManifestMetrics(
    double? FinalTrainLoss,
    double? FinalEvalLoss,
    double? TokensPerSecond,
    string? Device,
    string? Dtype,
    double? WallTimeSeconds,
    int? TotalSteps);

/// <summary>A greedy continuation of a held-out prompt, by the base model and by the adapter.</summary>
public sealed record ManifestSample(string Prompt, string BaseCompletion, string AdapterCompletion);
