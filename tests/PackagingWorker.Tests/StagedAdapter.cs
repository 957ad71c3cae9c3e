using System.Text;
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

    /// <summary>training_manifest.json in the shape the training worker writes (snake_case), plus the optional job, file and version fields.</summary>
    public static readonly string TrainedManifestJson = $$"""
        {
          "job_id": "6f1d0c7e2a8b4d5f9e3c1a2b3c4d5e6f",
          "hyperparameters": {
            "base_model": "tiny-llama", "learning_rate": 0.0002, "num_epochs": 3, "batch_size": 4, "lora_r": 8,
            "lora_alpha": 16, "lora_dropout": 0.05, "target_modules": ["q_proj", "v_proj"], "max_seq_length": 256,
            "seed": 42, "warmup_ratio": 0.03, "lr_scheduler": "cosine", "gradient_accumulation_steps": 1,
            "max_grad_norm": 1, "weight_decay": 0, "eval_fraction": 0.1, "logging_steps": 10, "max_steps": null
          },
          "metrics": {
            "loss_curve": [{"step": 0, "loss": 5.5}, {"step": 10, "loss": 3.25}],
            "eval_losses": [{"step": 10, "loss": 3.5}],
            "final_train_loss": 3.25, "final_eval_loss": 3.5, "tokens_per_second": 1234.5, "device": "cpu",
            "dtype": "float32", "wall_time_seconds": 12.5, "total_steps": 10, "epochs": 3, "train_tokens": 10000,
            "eval_tokens": 1000, "trainable_parameters": 8192
          },
          "samples": [{"prompt": "The avatar says", "base_completion": "nothing much", "adapter_completion": "hello | friend ```code```"}],
          "training_files": [{"name": "notes.txt", "sha256": "{{TrainingFileSha256}}"}],
          "software_versions": {"dotnet": "10.0.0", "torchsharp": "0.107.0"}
        }
        """;

    public static readonly string UntrainedManifestJson = """
        {"hyperparameters": {"base_model": "tiny-gpt2", "lora_r": 4}, "metrics": null, "samples": []}
        """;

    public static StagedAdapter Trained(int weightsBytes = 1024) =>
        new(Encoding.UTF8.GetBytes(ConfigJson), RandomBytes(weightsBytes), Encoding.UTF8.GetBytes(TrainedManifestJson), TinyPng);

    public static StagedAdapter Untrained() =>
        new(Encoding.UTF8.GetBytes(ConfigJson), new byte[256], Encoding.UTF8.GetBytes(UntrainedManifestJson), null);

    /// <summary>Seeded random bytes: they do not compress, so the ZIP is about as large as the weights.</summary>
    public static byte[] RandomBytes(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public IEnumerable<(string Name, byte[] Content)> Files()
    {
        yield return (AdapterFileNames.Config, Config);
        yield return (AdapterFileNames.Weights, Weights);
        yield return (AdapterFileNames.Manifest, Manifest);
        if (LossCurve is not null)
        {
            yield return (AdapterFileNames.LossCurve, LossCurve);
        }
    }

    public async Task StageAsync(ObjectStore store, string stagingPrefix, params string[] except)
    {
        foreach (var (name, content) in Files().Where(f => !except.Contains(f.Name)))
        {
            await store.UploadAsync(StorageKeys.StagedAdapterFile(stagingPrefix, name), new MemoryStream(content), "application/octet-stream", CancellationToken.None);
        }
    }
}
