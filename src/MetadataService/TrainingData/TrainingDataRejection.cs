using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>Thrown while deciding a change that must not happen; answered as <see cref="TrainingDataRejected"/>.</summary>
public sealed class TrainingDataRejection(string reason, string detail, Dictionary<string, string[]> errors) : Exception(detail)
{
    public string Reason { get; } = reason;

    public Dictionary<string, string[]> Errors { get; } = errors;

    public static TrainingDataRejection Invalid(ValidationErrors errors) =>
        new(TrainingDataRejected.Invalid, "One or more fields are invalid.", errors.ToDictionary());

    public static TrainingDataRejection UnknownFile(string fileName) =>
        new(TrainingDataRejected.NotFound, $"No training file named '{fileName}'.", ValidationErrors.Single("file_name", $"no training file named '{fileName}'"));

    public static TrainingDataRejection SourceMismatch(string field, string message) =>
        new(TrainingDataRejected.SourceMismatch, message, ValidationErrors.Single(field, message));

    public TrainingDataRejected ToMessage(string userId, string avatarId) => new(userId, avatarId, Reason, Message, Errors);

    public static void ThrowIfAny(ValidationErrors errors)
    {
        if (!errors.IsEmpty)
        {
            throw Invalid(errors);
        }
    }
}
