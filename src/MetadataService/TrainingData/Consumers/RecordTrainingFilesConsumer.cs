using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>
/// Records files that already lie in S3. The bytes are copied to their training-data keys before the events are
/// committed, so a recorded file always exists; when the commit fails, copies of names that were new are removed.
/// </summary>
public sealed class RecordTrainingFilesConsumer(
    AvatarTrainingDataWriter writer, ObjectStore store, TrainingFileTypes types, IOptions<TrainingDataOptions> options, TimeProvider clock)
    : IConsumer<RecordTrainingFiles>
{
    public Task Consume(ConsumeContext<RecordTrainingFiles> context)
    {
        var m = context.Message;
        return context.AnswerRejectionsAsync(m.UserId, m.AvatarId, async () =>
        {
            Validate(m);
            await CheckSourcesAsync(m, context.CancellationToken);
            var copiedNew = new List<string>();
            try
            {
                var (files, version) = await writer.ChangeAsync(m.UserId, m.AvatarId, async (state, ct) =>
                {
                    var events = new List<object>();
                    var recorded = new List<TrainingFileDetails>();
                    var now = clock.GetUtcNow();
                    foreach (var f in m.Files)
                    {
                        var key = StorageKeys.TrainingFile(m.UserId, m.AvatarId, f.FileName);
                        var contentType = types.Resolve(f.FileName, f.ContentType, out _)!;
                        var exists = state.Find(f.FileName) is not null;
                        if (f.SourceKey != key)
                        {
                            await store.CopyAsync(f.SourceKey, key, ct);
                            if (!exists)
                            {
                                copiedNew.Add(key);
                            }
                        }
                        events.Add(exists
                            ? new TrainingFileReplaced(m.UserId, m.AvatarId, f.FileName, f.SizeBytes, f.Sha256, contentType, f.UseForTraining, now)
                            : new TrainingFileUploaded(m.UserId, m.AvatarId, f.FileName, f.SizeBytes, f.Sha256, contentType, f.UseForTraining, now));
                        recorded.Add(new TrainingFileDetails(f.FileName, f.SizeBytes, f.Sha256, contentType, f.UseForTraining, now));
                    }
                    return new AvatarDecision<IReadOnlyList<TrainingFileDetails>>(events, recorded);
                }, context.CancellationToken);

                foreach (var f in m.Files.Where(f => f.SourceKey != StorageKeys.TrainingFile(m.UserId, m.AvatarId, f.FileName)))
                {
                    await store.DeleteAsync(f.SourceKey, CancellationToken.None);
                }
                await context.RespondAsync(new TrainingFilesRecorded(m.UserId, m.AvatarId, files, version));
            }
            catch (Exception ex) when (ex is not TrainingDataRejection && copiedNew.Count > 0)
            {
                // Nothing was recorded for these names: do not leave unrecorded objects behind.
                foreach (var key in copiedNew)
                {
                    await store.DeleteAsync(key, CancellationToken.None);
                }
                throw;
            }
        });
    }

    private void Validate(RecordTrainingFiles m)
    {
        var errors = InputRules.CheckAvatar(m.UserId, m.AvatarId);
        TrainingDataRejection.ThrowIfAny(errors);
        if (m.Files is not { Count: > 0 })
        {
            errors.Add("files", "at least one file is required");
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in m.Files ?? [])
        {
            var nameProblem = InputRules.FileNameProblem(f.FileName);
            errors.AddIf("file_name", nameProblem);
            if (nameProblem is not null)
            {
                continue;
            }
            if (!names.Add(f.FileName))
            {
                errors.Add("file_name", $"'{f.FileName}' appears more than once");
            }
            types.Resolve(f.FileName, f.ContentType, out var typeProblem);
            errors.AddIf("content_type", typeProblem);
            errors.AddIf("sha256", InputRules.Sha256Problem(f.Sha256));
            if (f.SizeBytes <= 0)
            {
                errors.Add("size_bytes", $"'{f.FileName}' is empty");
            }
            else if (f.SizeBytes > options.Value.MaxFileBytes)
            {
                errors.Add("size_bytes", $"'{f.FileName}' is larger than {options.Value.MaxFileBytes} bytes");
            }
            var own = f.SourceKey == StorageKeys.TrainingFile(m.UserId, m.AvatarId, f.FileName);
            var staged = f.SourceKey?.StartsWith(StorageKeys.StagingPrefix(m.UserId, m.AvatarId), StringComparison.Ordinal) == true
                && InputRules.IdProblem(f.SourceKey[StorageKeys.StagingPrefix(m.UserId, m.AvatarId).Length..]) is null;
            if (!own && !staged)
            {
                errors.Add("source_key", $"'{f.FileName}': the source must be the avatar's staging key or the file's own training-data key");
            }
        }
        TrainingDataRejection.ThrowIfAny(errors);
    }

    private async Task CheckSourcesAsync(RecordTrainingFiles m, CancellationToken ct)
    {
        foreach (var f in m.Files)
        {
            var head = await store.HeadAsync(f.SourceKey, ct)
                ?? throw TrainingDataRejection.SourceMismatch("source_key", $"'{f.FileName}': no object under {f.SourceKey}");
            if (head.ContentLength != f.SizeBytes)
            {
                throw TrainingDataRejection.SourceMismatch("size_bytes", $"'{f.FileName}': the object has {head.ContentLength} bytes, not {f.SizeBytes}");
            }
        }
    }
}
