using System.Text;
using System.Text.Json;
using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.PackagingWorker.Packaging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.PackagingWorker.Tests;

/// <summary>A fake set of files as a training worker stages them: the packaging worker copies them, it does not parse weights.</summary>
public sealed record StagedAdapter(byte[] Config, byte[] Weights, byte[] Manifest, byte[]? LossCurve)
{
    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public const string TrainingFileSha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static readonly string ConfigJson = """
        {"base_model_name_or_path": "tiny-llama", "lora_alpha": 16, "peft_type": "LORA", "r": 8, "target_modules": ["q_proj", "v_proj"], "task_type": "CAUSAL_LM"}
        """;

    /// <summary>A trained adapter's manifest, as the training worker writes it.</summary>
    public static readonly TrainingManifest TrainedManifest = new(
        Guid.Parse("6f1d0c7e2a8b4d5f9e3c1a2b3c4d5e6f"),
        Trained: true,
        BaseModel: "tiny-llama",
        Hyperparameters: Settings("""
            {
              "base_model": "tiny-llama", "learning_rate": 0.0002, "num_epochs": 3, "batch_size": 4, "lora_r": 8,
              "lora_alpha": 16, "lora_dropout": 0.05, "target_modules": ["q_proj", "v_proj"], "max_seq_length": 256,
              "seed": 42, "warmup_ratio": 0.03, "lr_scheduler": "cosine", "gradient_accumulation_steps": 1,
              "max_grad_norm": 1, "weight_decay": 0, "eval_fraction": 0.1, "logging_steps": 10, "max_steps": null
            }
            """),
        TrainingFiles: [new TrainingManifestFile("notes.txt", 4, TrainingFileSha256)],
        Metrics: new TrainingManifestMetrics(
            [new TrainingManifestLoss(0, 5.5), new TrainingManifestLoss(10, 3.25)], [new TrainingManifestLoss(10, 3.5)],
            3.25, 3.5, 1234.5, "cpu", "float32", 12.5, 10, 3, 10000, 1000, 8192),
        Samples: [new TrainingManifestSample("The avatar says", "nothing much", "hello | friend ```code```")],
        SoftwareVersions: new Dictionary<string, string> { ["dotnet"] = "10.0.0", ["torchsharp"] = "0.107.0" });

    /// <summary>An untrained adapter's manifest: no files, steps or samples.</summary>
    public static readonly TrainingManifest UntrainedManifest = TrainedManifest with
    {
        Trained = false,
        BaseModel = "tiny-gpt2",
        Hyperparameters = Settings("""{"base_model": "tiny-gpt2", "lora_r": 4}"""),
        TrainingFiles = [],
        Metrics = new TrainingManifestMetrics([], [], double.NaN, null, 0, "cpu", "float32", 0, 0, 0, 0, 0, 0),
        Samples = [],
    };

    public static StagedAdapter Trained(int weightsBytes = 1024) =>
        new(Encoding.UTF8.GetBytes(ConfigJson), RandomBytes(weightsBytes), Json(TrainedManifest), TinyPng);

    public static StagedAdapter Untrained() =>
        new(Encoding.UTF8.GetBytes(ConfigJson), new byte[256], Json(UntrainedManifest), null);

    public static byte[] Json(TrainingManifest manifest) => JsonSerializer.SerializeToUtf8Bytes(manifest, TrainingManifestJson.Options);

    private static Dictionary<string, JsonElement> Settings(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    /// <summary>Seeded random bytes: they do not compress, so the ZIP is about as large as the weights.</summary>
    public static byte[] RandomBytes(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public IEnumerable<(string Name, byte[] Content)> Files()
    {
        yield return (StagedAdapterFiles.Config, Config);
        yield return (StagedAdapterFiles.Weights, Weights);
        yield return (StagedAdapterFiles.Manifest, Manifest);
        if (LossCurve is not null)
        {
            yield return (StagedAdapterFiles.LossCurve, LossCurve);
        }
    }

    public async Task StageAsync(ObjectStore store, string stagingFolder, params string[] except)
    {
        foreach (var (name, content) in Files().Where(f => !except.Contains(f.Name)))
        {
            await store.UploadAsync(stagingFolder + name, new MemoryStream(content), "application/octet-stream", CancellationToken.None);
        }
    }
}
