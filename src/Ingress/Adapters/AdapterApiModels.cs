using AdapterPipeline.Contracts.Adapters;
using Microsoft.AspNetCore.Mvc;

namespace AdapterPipeline.Ingress.Adapters;

/// <summary>Body of the train endpoint: the seed's hyperparameters plus the LoRA settings; all optional.</summary>
public sealed record TrainBody(
    double? LearningRate,
    int? NumEpochs,
    int? BatchSize,
    int? LoraR,
    int? LoraAlpha,
    double? LoraDropout,
    IReadOnlyList<string>? TargetModules,
    int? MaxSeqLength,
    string? BaseModel,
    int? Seed,
    string? WebhookUrl,
    string? AdapterName)
{
    public TrainingHyperparameters ToHyperparameters() =>
        new(LearningRate, NumEpochs, BatchSize, LoraR, LoraAlpha, LoraDropout, TargetModules, MaxSeqLength, BaseModel, Seed);
}

/// <summary>Answer to train: the job to follow at <c>Location</c>.</summary>
public sealed record JobReference(Guid JobId, string State, bool Replayed, string Location);

/// <summary>The adapter's versions and which is current.</summary>
public sealed record AdapterVersions(string UserId, string AvatarId, string AdapterName, int CurrentVersion, IReadOnlyList<AdapterVersionInfo> Versions);

/// <summary>Query of the create endpoint: the adapter's name and base model, both optional.</summary>
public sealed record CreateQuery([FromQuery(Name = "adapter_name")] string? AdapterName, [FromQuery(Name = "base_model")] string? BaseModel);
