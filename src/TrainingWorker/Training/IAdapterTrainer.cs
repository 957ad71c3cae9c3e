using AdapterPipeline.LanguageModels.Adapters;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>Trains LoRA adapters and writes them in PEFT's format.</summary>
public interface IAdapterTrainer
{
    /// <summary>
    /// Trains an adapter on <paramref name="files"/> and writes adapter_config.json and adapter_model.safetensors
    /// into <paramref name="outputDirectory"/>. Runs one training at a time; a second call waits for the first.
    /// With <paramref name="checkpoints"/>, saves the run's state as it goes and resumes from a given checkpoint.
    /// </summary>
    /// <exception cref="InvalidTrainingRequestException">A hyperparameter, the base model or a target module is invalid.</exception>
    /// <exception cref="TrainingDataException">The files hold no usable training text.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired; training stops within one batch.</exception>
    Task<TrainingResult> TrainAsync(
        TrainingRequest request,
        IReadOnlyList<TrainingFile> files,
        string outputDirectory,
        IProgress<TrainingProgress>? progress,
        TrainingCheckpoints? checkpoints,
        CancellationToken ct);

    /// <summary>
    /// What <see cref="TrainAsync"/> would do with <paramref name="files"/>, read with the same code (tokenizer, chat
    /// template, truncation, split, "auto"), without loading the weights or training. A file that cannot be read is
    /// returned among <see cref="TrainingPreview.Errors"/> and left out; the others are counted.
    /// </summary>
    /// <exception cref="InvalidTrainingRequestException">A hyperparameter, the base model or a target module is invalid.</exception>
    Task<TrainingPreview> PreviewAsync(TrainingRequest request, IReadOnlyList<TrainingFile> files, CancellationToken ct);

    /// <summary>Writes an untrained adapter (B = 0: the base model's behaviour unchanged) in the same format.</summary>
    Task<AdapterFiles> CreateUntrainedAsync(TrainingRequest request, string outputDirectory, CancellationToken ct);

    /// <summary>
    /// Field-named errors for <paramref name="request"/>; empty when it is valid. A base model that lies only in S3 is
    /// checked on its description (config, chat template, weight headers) without downloading its weights.
    /// </summary>
    Task<IReadOnlyDictionary<string, string[]>> ValidateAsync(TrainingRequest request, CancellationToken ct);
}
