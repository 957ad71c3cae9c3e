namespace AdapterPipeline.MetadataService.TrainingData;

/// <summary>
/// Every avatar has one event stream, keyed <c>avatar:{user_id}:{avatar_id}</c>. Training-data events live in it
/// today; adapter events may be appended to the same stream (see docs/messages.md).
/// </summary>
public static class AvatarStreams
{
    public static string Id(string userId, string avatarId) => $"avatar:{userId}:{avatarId}";
}
