using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.Training;
using AdapterPipeline.Messaging;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Training;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Jobs;

/// <summary>
/// Answers what a training run on the given files would do (<see cref="IAdapterTrainer.PreviewAsync"/>): the files are
/// downloaded and verified as for a job, read with the trainer's own code and deleted. On its own queue, so it answers
/// while jobs run. Settings the trainer refuses are answered as <see cref="RequestRejected"/>.
/// </summary>
public sealed class PreviewTrainingConsumer(IAdapterTrainer trainer, TrainingFileDownloader downloader) : IConsumer<PreviewTraining>
{
    public async Task Consume(ConsumeContext<PreviewTraining> context)
    {
        var message = context.Message;
        var request = TrainingJobMapping.ToTrainingRequest(message.Hyperparameters, message.Files);
        var directory = Directory.CreateTempSubdirectory("training-preview-").FullName;
        try
        {
            IReadOnlyList<TrainingFile> files;
            try
            {
                files = await downloader.DownloadAsync(message.Files, directory, context.CancellationToken);
            }
            catch (TrainingFileChangedException changed)
            {
                throw RequestRejectedException.Field(RejectionReasons.Conflict, "files", $"{changed.Message}; ask again.");
            }
            var preview = await trainer.PreviewAsync(request, files, context.CancellationToken);
            await context.RespondAsync(TrainingJobMapping.ToPreviewed(preview));
        }
        catch (InvalidTrainingRequestException invalid)
        {
            throw new RequestRejectedException(RejectionReasons.Unprocessable, "The settings cannot train.", invalid.Errors);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
