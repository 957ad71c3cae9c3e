using AdapterPipeline.Contracts.Staging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage.Policies;

/// <summary>
/// Concrete keys and list prefixes, built with the real <see cref="StorageKeys"/> builders, by the names the test
/// cases use, so a case reads like the README row it checks.
/// </summary>
public static class SampleKeys
{
    public const string User = "alice";
    public const string Avatar = "bob";
    public const string Adapter = "default";
    public static readonly Guid JobId = Guid.Parse("0b7c52f4-58a1-4f55-9a43-2b1f5b8e7c11");
    private const string UploadId = "4f6c0e2d9a8b4c7e9d1f2a3b4c5d6e7f";
    private const string Model = "qwen2-0.5b";

    public static readonly IReadOnlyList<string> Objects =
    [
        "staged upload", "training file", "metadata.json", "adapter pointer", "adapter ZIP", "system prompt",
        "staged adapter file", "job checkpoint", "base model file",
    ];

    public static string Object(string name, string userId = User, string avatarId = Avatar) => name switch
    {
        "staged upload" => StorageKeys.StagedUpload(userId, avatarId, UploadId),
        "training file" => StorageKeys.TrainingFile(userId, avatarId, "notes.txt"),
        "metadata.json" => StorageKeys.Metadata(userId, avatarId),
        "adapter pointer" => StorageKeys.AdapterPointer(userId, avatarId, Adapter),
        "adapter ZIP" => StorageKeys.AdapterVersion(userId, avatarId, Adapter, 3),
        "system prompt" => StorageKeys.SystemPrompt(userId, avatarId),
        "staged adapter file" => StorageKeys.JobStaging(userId, avatarId, JobId) + StagedAdapterFiles.Weights,
        "job checkpoint" => StorageKeys.JobCheckpoint(userId, avatarId, JobId),
        "base model file" => StorageKeys.ModelPrefix(Model) + "model.safetensors",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such sample object"),
    };

    public static string Prefix(string name, string userId = User, string avatarId = Avatar) => name switch
    {
        "all users" => "users/",
        "adapter folder" => StorageKeys.AdapterPrefix(userId, avatarId, Adapter),
        "training data folder" => StorageKeys.TrainingDataPrefix(userId, avatarId),
        "job folder" => StorageKeys.JobStaging(userId, avatarId, JobId),
        "base model folder" => StorageKeys.ModelPrefix(Model),
        "avatar folder" => StorageKeys.Avatar(userId, avatarId),
        "staging folder" => StorageKeys.StagingPrefix(userId, avatarId),
        "models" => "models/",
        "one user" => $"users/{userId}/",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such sample prefix"),
    };
}
