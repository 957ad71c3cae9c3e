using System.Collections.Immutable;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// An avatar's training files, folded from its stream and stored inline (same transaction as the events), so a read
/// after a confirmed write sees it. Events it has no <c>Apply</c> for (e.g. adapter events in the same stream) leave
/// it unchanged, so the stream can start with any event.
/// </summary>
public sealed record AvatarTrainingData
{
    /// <summary>The stream id, <see cref="AvatarStreams.Id"/>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Stream version the state was folded up to; Marten sets it.</summary>
    public long Version { get; set; }

    public ImmutableDictionary<string, TrainingFileDetails> Files { get; init; } = ImmutableDictionary<string, TrainingFileDetails>.Empty;

    /// <summary>
    /// Every presigned upload ever recorded for the avatar, its file since removed or not: an upload is confirmed once,
    /// whatever its URL still lets a client PUT.
    /// </summary>
    public ImmutableHashSet<string> ConfirmedUploads { get; init; } = ImmutableHashSet<string>.Empty;

    public AvatarTrainingData Apply(TrainingFileUploaded e) =>
        Put(e.FileName, e.SizeBytes, e.Sha256, e.ContentType, e.UseForTraining, e.UploadedAt).Confirmed(e.UploadId);

    public AvatarTrainingData Apply(TrainingFileReplaced e) =>
        Put(e.FileName, e.SizeBytes, e.Sha256, e.ContentType, e.UseForTraining, e.UploadedAt).Confirmed(e.UploadId);

    public AvatarTrainingData Apply(TrainingFlagChanged e) =>
        Files.TryGetValue(e.FileName, out var file)
            ? this with { Files = Files.SetItem(e.FileName, file with { UseForTraining = e.UseForTraining }) }
            : this;

    public AvatarTrainingData Apply(EvalFlagChanged e) =>
        Files.TryGetValue(e.FileName, out var file)
            ? this with { Files = Files.SetItem(e.FileName, file with { UseForEval = e.UseForEval }) }
            : this;

    public AvatarTrainingData Apply(TrainingFileDeleted e) => this with { Files = Files.Remove(e.FileName) };

    public TrainingFileDetails? Find(string fileName) => Files.GetValueOrDefault(fileName);

    /// <summary>All files ordered by name (ordinal), the order of listing, paging and metadata.json.</summary>
    public IEnumerable<TrainingFileDetails> Ordered() => Files.Values.OrderBy(f => f.FileName, StringComparer.Ordinal);

    /// <summary>
    /// The files a training run reads, ordered by name: every file flagged for training or for evaluation, the latter
    /// marked <see cref="FileForTraining.UseForEval"/>.
    /// </summary>
    public static IReadOnlyList<FileForTraining> ForTraining(AvatarTrainingData? data, string userId, string avatarId) =>
        (data?.Ordered() ?? [])
            .Where(f => f.UseForTraining || f.UseForEval)
            .Select(f => new FileForTraining(f.FileName, StorageKeys.TrainingFile(userId, avatarId, f.FileName), f.SizeBytes, f.Sha256) { UseForEval = f.UseForEval })
            .ToList();

    private AvatarTrainingData Confirmed(string? uploadId) =>
        uploadId is null ? this : this with { ConfirmedUploads = ConfirmedUploads.Add(uploadId) };

    // New content keeps the file's eval flag; the upload sets its training flag.
    private AvatarTrainingData Put(string name, long size, string sha256, string contentType, bool useForTraining, DateTimeOffset at) =>
        this with
        {
            Files = Files.SetItem(name, new TrainingFileDetails(name, size, sha256, contentType, useForTraining, at) { UseForEval = Find(name)?.UseForEval ?? false }),
        };
}
