namespace AdapterPipeline.MetadataService.Avatars;

/// <summary>
/// Every avatar has one event stream, keyed <c>avatar:{user_id}:{avatar_id}</c>: its training-data and adapter events
/// (see docs/messages.md).
/// </summary>
public static class AvatarStreams
{
    public static string Id(string userId, string avatarId) => $"avatar:{userId}:{avatarId}";

    /// <summary>The event header naming who caused each event, as the avatar's history shows it.</summary>
    public const string ActedByHeader = "acted_by";

    /// <summary>Who a command came from: its <c>ActedBy</c> (set by the Ingress), or <c>bus</c> for a system that published it without one.</summary>
    public static string Actor(string? actedBy) => string.IsNullOrWhiteSpace(actedBy) ? "bus" : actedBy;

    /// <summary>What a job records on its own (its version, its end).</summary>
    public static string JobActor(Guid jobId) => $"job:{jobId}";
}
