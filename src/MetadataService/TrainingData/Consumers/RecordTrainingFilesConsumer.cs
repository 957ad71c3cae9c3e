using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.MetadataService.Usage;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using MassTransit;
using Microsoft.Extensions.Options;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>
/// Records files that already lie in S3. Under the avatar's lock the bytes are copied to their training-data keys
/// first, so a recorded file always exists; then the decision (pure) and the commit; copies of names that were not
/// recorded are removed when the decision refuses or the commit fails; the staged sources are removed after the commit.
/// The user's quotas (files, bytes, avatars) are decided first, under the user's lock, so a refusal changes nothing.
/// A presigned upload already recorded is refused before anything is copied (409 naming <c>upload_id</c>).
/// </summary>
public sealed class RecordTrainingFilesConsumer(
    AvatarTrainingDataWriter writer, ObjectStore store, TrainingFileTypes types, IOptions<TrainingDataOptions> options,
    UserLock userLock, UserUsageReader usageReader, IOptions<QuotaOptions> quotas, TimeProvider clock)
    : IConsumer<RecordTrainingFiles>
{
    public async Task Consume(ConsumeContext<RecordTrainingFiles> context)
    {
        var m = context.Message;
        Validate(m);
        await CheckSourcesAsync(m, context.CancellationToken);
        var now = clock.GetUtcNow();
        var command = new RecordFiles(m.UserId, m.AvatarId, m.Files
            .Select(f => new TrainingFileDetails(f.FileName, f.SizeBytes, f.Sha256, types.Resolve(f.FileName, f.ContentType, out _)!, f.UseForTraining, now))
            .ToList(), m.Files.Where(f => f.UploadId is not null).ToDictionary(f => f.FileName, f => f.UploadId!));
        var staged = m.Files.Where(f => f.UploadId is not null).ToList();
        await using var held = await userLock.AcquireAsync(m.UserId, context.CancellationToken);
        QuotaRules.CheckFiles(await usageReader.ReadAsync(m.UserId, context.CancellationToken), m.AvatarId, command.Files, quotas.Value);
        var change = await writer.ChangeAsync(m.UserId, m.AvatarId, AvatarStreams.Actor(m.ActedBy), state => TrainingDataDecisions.Decide(state, command), context.CancellationToken,
            new AvatarEffects<AvatarTrainingData>(
                Prepare: async ct =>
                {
                    await RefuseConfirmedUploadsAsync(m, command, staged, ct);
                    foreach (var f in staged)
                    {
                        await store.CopyAsync(SourceKey(m, f), KeyOf(m, f), ct);
                    }
                },
                Undo: async state =>
                {
                    // Nothing was recorded for names that were new: do not leave unrecorded objects behind.
                    foreach (var f in staged.Where(f => state.Find(f.FileName) is null))
                    {
                        await store.DeleteAsync(KeyOf(m, f), CancellationToken.None);
                    }
                }));
        foreach (var f in staged)
        {
            await store.DeleteAsync(SourceKey(m, f), CancellationToken.None);
        }
        await context.RespondAsync(new TrainingFilesRecorded(m.UserId, m.AvatarId, command.Files, change.Committed?.Version ?? 0));
    }

    /// <summary>
    /// Before any copy, which would overwrite the file the first confirm recorded. The bytes PUT again through a
    /// confirmed upload's URL are never recorded, so they go at once rather than wait for the staging sweep.
    /// </summary>
    private async Task RefuseConfirmedUploadsAsync(RecordTrainingFiles m, RecordFiles command, IReadOnlyList<StagedTrainingFile> staged, CancellationToken ct)
    {
        var state = await writer.LoadAsync(m.UserId, m.AvatarId, ct);
        try
        {
            TrainingDataDecisions.RefuseConfirmedUploads(state, command);
        }
        catch (RequestRejectedException)
        {
            foreach (var f in staged.Where(f => state.ConfirmedUploads.Contains(f.UploadId!)))
            {
                await store.DeleteAsync(SourceKey(m, f), CancellationToken.None);
            }
            throw;
        }
    }

    private static string KeyOf(RecordTrainingFiles m, StagedTrainingFile f) => StorageKeys.TrainingFile(m.UserId, m.AvatarId, f.FileName);

    private void Validate(RecordTrainingFiles m)
    {
        var errors = InputRules.CheckAvatar(m.UserId, m.AvatarId);
        RequestRejectedException.ThrowIfAny(errors.ToDictionary());
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
            if (f.UploadId is not null && InputRules.IdProblem(f.UploadId) is { } uploadProblem)
            {
                errors.Add("upload_id", $"'{f.FileName}': {uploadProblem}");
            }
        }
        RequestRejectedException.ThrowIfAny(errors.ToDictionary());
    }

    private async Task CheckSourcesAsync(RecordTrainingFiles m, CancellationToken ct)
    {
        foreach (var f in m.Files)
        {
            var head = await store.HeadAsync(SourceKey(m, f), ct)
                ?? throw RequestRejectedException.Field(RejectionReasons.SourceMismatch, f.UploadId is null ? "file_name" : "upload_id",
                    f.UploadId is null ? $"'{f.FileName}': nothing lies at the file's own key" : $"'{f.FileName}': nothing was uploaded for upload {f.UploadId}");
            if (head.ContentLength != f.SizeBytes)
            {
                throw RequestRejectedException.Field(RejectionReasons.SourceMismatch, "size_bytes", $"'{f.FileName}': the object has {head.ContentLength} bytes, not {f.SizeBytes}");
            }
        }
    }

    /// <summary>Where the file's bytes lie now: the staged upload, or the file's own key.</summary>
    private static string SourceKey(RecordTrainingFiles m, StagedTrainingFile f) => f.UploadId is { } uploadId
        ? StorageKeys.StagedUpload(m.UserId, m.AvatarId, uploadId)
        : StorageKeys.TrainingFile(m.UserId, m.AvatarId, f.FileName);
}
