using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Avatars;
using AdapterPipeline.Domain.Validation;
using AdapterPipeline.ServiceDefaults.Storage;
using Marten;
using MassTransit;

namespace AdapterPipeline.MetadataService.TrainingData.Consumers;

/// <summary>
/// Answers reads from the inline read model, which commits with the events: a read after a confirmed change sees it.
/// </summary>
public sealed class TrainingDataQueriesConsumer(IQuerySession session)
    : IConsumer<ListTrainingFiles>, IConsumer<GetTrainingFile>, IConsumer<GetTrainingMetadata>, IConsumer<GetFilesForTraining>
{
    public async Task Consume(ConsumeContext<ListTrainingFiles> context)
    {
        var m = context.Message;
        var errors = InputRules.CheckAvatar(m.UserId, m.AvatarId);
        if (m.Limit is < 1 or > TrainingDataOptions.MaxPageSize)
        {
            errors.Add("limit", $"must be between 1 and {TrainingDataOptions.MaxPageSize}");
        }
        RequestRejectedException.ThrowIfAny(errors.ToDictionary());
        var data = await LoadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        var all = data?.Ordered().ToList() ?? [];
        var matching = all.Where(f => !m.TrainingOnly || f.UseForTraining).ToList();
        var page = matching
            .Where(f => m.After is null || string.CompareOrdinal(f.FileName, m.After) > 0)
            .Take(m.Limit + 1)
            .ToList();
        var more = page.Count > m.Limit;
        if (more)
        {
            page.RemoveAt(page.Count - 1);
        }
        await context.RespondAsync(new TrainingFileList(
            m.UserId, m.AvatarId, page, matching.Count, all.Count, all.Count(f => f.UseForTraining), all.Sum(f => f.SizeBytes),
            more ? page[^1].FileName : null, data?.Version ?? 0));
    }

    public async Task Consume(ConsumeContext<GetTrainingFile> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).AddIf("file_name", InputRules.FileNameProblem(m.FileName)).ToDictionary());
        var data = await LoadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        var file = data?.Find(m.FileName) ?? throw TrainingDataDecisions.UnknownFile(m.FileName);
        await context.RespondAsync(new TrainingFileFound(m.UserId, m.AvatarId, file, StorageKeys.TrainingFile(m.UserId, m.AvatarId, m.FileName)));
    }

    public async Task Consume(ConsumeContext<GetTrainingMetadata> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());
        var data = await LoadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        await context.RespondAsync(new TrainingMetadata(m.UserId, m.AvatarId, MetadataJson.From(data), data?.Version ?? 0));
    }

    public async Task Consume(ConsumeContext<GetFilesForTraining> context)
    {
        var m = context.Message;
        RequestRejectedException.ThrowIfAny(InputRules.CheckAvatar(m.UserId, m.AvatarId).ToDictionary());
        var data = await LoadAsync(m.UserId, m.AvatarId, context.CancellationToken);
        await context.RespondAsync(new FilesForTraining(m.UserId, m.AvatarId, AvatarTrainingData.ForTraining(data, m.UserId, m.AvatarId), data?.Version ?? 0));
    }

    private Task<AvatarTrainingData?> LoadAsync(string userId, string avatarId, CancellationToken ct) =>
        session.LoadAsync<AvatarTrainingData>(AvatarStreams.Id(userId, avatarId), ct);
}
