using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>Files to record, their content types resolved and their time taken.</summary>
/// <param name="UploadIds">File name to the presigned upload its bytes come from, for the files that come from one.</param>
public sealed record RecordFiles(string UserId, string AvatarId, IReadOnlyList<TrainingFileDetails> Files, IReadOnlyDictionary<string, string>? UploadIds = null);

/// <summary>
/// What each training-data command appends to the avatar's stream, decided from <see cref="AvatarTrainingData"/>
/// alone: pure functions, no I/O, a refusal thrown as <see cref="RequestRejectedException"/>.
/// </summary>
public static class TrainingDataDecisions
{
    public static IReadOnlyList<object> Decide(AvatarTrainingData state, RecordFiles command)
    {
        RefuseConfirmedUploads(state, command);
        return command.Files.Select(f => (f, UploadId: command.UploadIds?.GetValueOrDefault(f.FileName))).Select(x => state.Find(x.f.FileName) is null
            ? (object)new TrainingFileUploaded(command.UserId, command.AvatarId, x.f.FileName, x.f.SizeBytes, x.f.Sha256, x.f.ContentType, x.f.UseForTraining, x.f.UploadedAt, x.UploadId)
            : new TrainingFileReplaced(command.UserId, command.AvatarId, x.f.FileName, x.f.SizeBytes, x.f.Sha256, x.f.ContentType, x.f.UseForTraining, x.f.UploadedAt, x.UploadId))
        .ToList();
    }

    /// <summary>
    /// A presigned upload is recorded once: its URL may still take another PUT after the confirm, and recording that
    /// would let whoever holds the URL replace a file behind its owner's back.
    /// </summary>
    public static void RefuseConfirmedUploads(AvatarTrainingData state, RecordFiles command)
    {
        if ((command.UploadIds?.Values ?? []).FirstOrDefault(state.ConfirmedUploads.Contains) is { } reused)
        {
            throw RequestRejectedException.Field(RejectionReasons.Conflict, "upload_id",
                $"upload {reused} was already confirmed; request a new upload URL", $"Upload {reused} was already confirmed.");
        }
    }

    public static IReadOnlyList<object> Decide(AvatarTrainingData state, SetTrainingFlag command, DateTimeOffset now) =>
        Existing(state, command.FileName).UseForTraining == command.UseForTraining
            ? []
            : [new TrainingFlagChanged(command.FileName, command.UseForTraining, now)];

    public static IReadOnlyList<object> Decide(AvatarTrainingData state, SetEvalFlag command, DateTimeOffset now) =>
        Existing(state, command.FileName).UseForEval == command.UseForEval
            ? []
            : [new EvalFlagChanged(command.FileName, command.UseForEval, now)];

    public static IReadOnlyList<object> Decide(AvatarTrainingData state, RemoveTrainingFile command, DateTimeOffset now)
    {
        Existing(state, command.FileName);
        return [new TrainingFileDeleted(command.FileName, now)];
    }

    public static IReadOnlyList<object> Decide(AvatarTrainingData state, RemoveNonTrainingFiles command, DateTimeOffset now) =>
        // A file held out for evaluation is training data too.
        state.Ordered().Where(f => !f.UseForTraining && !f.UseForEval).Select(f => (object)new TrainingFileDeleted(f.FileName, now)).ToList();

    public static TrainingFileDetails Existing(AvatarTrainingData state, string fileName) =>
        state.Find(fileName) ?? throw UnknownFile(fileName);

    public static RequestRejectedException UnknownFile(string fileName) =>
        RequestRejectedException.Field(RejectionReasons.NotFound, "file_name", $"no training file named '{fileName}'", $"No training file named '{fileName}'.");
}
