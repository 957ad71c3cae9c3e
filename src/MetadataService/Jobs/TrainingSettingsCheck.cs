using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.Jobs;

/// <summary>
/// Asks a training worker whether the settings would train (base model, target modules). When no worker answers in
/// time the job is accepted anyway and fails with the same message once a worker takes it.
/// </summary>
public sealed partial class TrainingSettingsCheck(
    IRequestClient<ValidateTrainingSettings> client, IOptions<JobOptions> options, ILogger<TrainingSettingsCheck> logger)
{
    public async Task<IReadOnlyDictionary<string, string[]>> CheckAsync(TrainingHyperparameters hyperparameters, CancellationToken ct)
    {
        try
        {
            var response = await client.GetResponse<TrainingSettingsValidated>(
                new ValidateTrainingSettings(hyperparameters), ct, RequestTimeout.After(ms: (int)options.Value.SettingsCheckTimeout.TotalMilliseconds));
            return response.Message.Errors;
        }
        catch (RequestTimeoutException)
        {
            LogNoAnswer(options.Value.SettingsCheckTimeout.TotalSeconds);
            return new Dictionary<string, string[]>();
        }
    }

    [LoggerMessage(LogLevel.Warning, "No training worker checked the settings within {Seconds} s; accepting the job unchecked")]
    private partial void LogNoAnswer(double seconds);
}
