using AdapterPipeline.Contracts.Adapters;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Adapters;

/// <summary>
/// Body of the train endpoint: the seed's hyperparameters plus the LoRA and chat-training settings; all optional.
/// learning_rate, num_epochs and batch_size also read "auto" (as null: the trainer chooses).
/// </summary>
public sealed record TrainBody(
    [property: JsonConverter(typeof(AutoNumberConverter<double>))] double? LearningRate = null,
    [property: JsonConverter(typeof(AutoNumberConverter<int>))] int? NumEpochs = null,
    [property: JsonConverter(typeof(AutoNumberConverter<int>))] int? BatchSize = null,
    int? LoraR = null,
    int? LoraAlpha = null,
    double? LoraDropout = null,
    IReadOnlyList<string>? TargetModules = null,
    int? MaxSeqLength = null,
    string? BaseModel = null,
    int? Seed = null,
    bool? TrainOnInputs = null,
    bool? KeepBest = null,
    int? EarlyStoppingPatience = null,
    int? InitFromVersion = null,
    string? WebhookUrl = null,
    string? AdapterName = null)
{
    public TrainingHyperparameters ToHyperparameters() =>
        new(LearningRate, NumEpochs, BatchSize, LoraR, LoraAlpha, LoraDropout, TargetModules, MaxSeqLength, BaseModel, Seed,
            TrainOnInputs, KeepBest, EarlyStoppingPatience, InitFromVersion);
}

/// <summary>Query of the train endpoint: dry_run=true previews the run instead of starting it.</summary>
public sealed record TrainQuery([FromQuery(Name = "dry_run")] string? DryRun);

/// <summary>Answer to train: the job to follow at <c>Location</c>.</summary>
public sealed record JobReference(Guid JobId, string State, bool Replayed, string Location);

/// <summary>The adapter's versions and which is current.</summary>
public sealed record AdapterVersions(string UserId, string AvatarId, string AdapterName, int CurrentVersion, IReadOnlyList<AdapterVersionInfo> Versions);

/// <summary>Query of the create endpoint: the adapter's name and base model, both optional.</summary>
public sealed record CreateQuery([FromQuery(Name = "adapter_name")] string? AdapterName, [FromQuery(Name = "base_model")] string? BaseModel);
