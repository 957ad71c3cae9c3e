namespace AdapterPipeline.MetadataService.Avatars;

/// <summary>
/// Every avatar has one event stream, keyed <c>avatar:{user_id}:{avatar_id}</c>: its training-data and adapter events
/// (see docs/messages.md).
/// </summary>
public static class AvatarStreams
{
    public static string Id(string userId, string avatarId) => $"avatar:{userId}:{avatarId}";
}
