using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>Files to record, their content types resolved and their time taken.</summary>
public sealed record RecordFiles(string UserId, string AvatarId, IReadOnlyList<TrainingFileDetails> Files);

/// <summary>
/// What each training-data command appends to the avatar's stream, decided from <see cref="AvatarTrainingData"/>
/// alone: pure functions, no I/O, a refusal thrown as <see cref="RequestRejectedException"/>.
/// </summary>
public static class TrainingDataDecisions
{
    public static IReadOnlyList<object> Decide(AvatarTrainingData state, RecordFiles command) =>
        command.Files.Select(f => state.Find(f.FileName) is null
            ? (object)new TrainingFileUploaded(command.UserId, command.AvatarId, f.FileName, f.SizeBytes, f.Sha256, f.ContentType, f.UseForTraining, f.UploadedAt)
            : new TrainingFileReplaced(command.UserId, command.AvatarId, f.FileName, f.SizeBytes, f.Sha256, f.ContentType, f.UseForTraining, f.UploadedAt))
        .ToList();

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
