using AdapterPipeline.Contracts.Training;
using AdapterPipeline.TrainingWorker.Training;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Answers whether settings would train, with the trainer's own checks (base model names, the architecture's
/// module names, ranges, the model's config and memory), keyed by snake_case field name. On its own queue, so it
/// answers while jobs run.
/// </summary>
public sealed class ValidateTrainingSettingsConsumer(IAdapterTrainer trainer) : IConsumer<ValidateTrainingSettings>
{
    public async Task Consume(ConsumeContext<ValidateTrainingSettings> context)
    {
        var errors = await trainer.ValidateAsync(TrainingJobMapping.ToTrainingRequest(context.Message.Hyperparameters), context.CancellationToken);
        await context.RespondAsync(new TrainingSettingsValidated(errors));
    }
}
