using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Ingress.Problems;

namespace AdapterPipeline.Ingress.TrainingData;

/// <summary>
/// What a training run of the avatar would do now, for <c>POST /training-data/{u}/{a}/validate</c> and
/// <c>POST /adapters/{u}/{a}/train?dry_run=true</c>: the metadata service names the flagged files, a training worker
/// reads them with the trainer's own code. Nothing is recorded or queued. Settings a worker refuses are a 422; a data
/// error is part of the answer.
/// </summary>
public sealed class TrainingPreviews(ServiceRequests requests)
{
    public async Task<TrainingPreviewed> PreviewAsync(string userId, string avatarId, TrainingHyperparameters hyperparameters, CancellationToken ct)
    {
        var files = await requests.AskAsync<GetFilesForTraining, FilesForTraining>(new GetFilesForTraining(userId, avatarId), ct);
        return await requests.AskAsync<PreviewTraining, TrainingPreviewed>(new PreviewTraining(hyperparameters, files.Files), ct);
    }
}
