using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.Domain.Inference;

/// <summary>
/// What the <c>model</c> of an OpenAI-style request names: <c>{user_id}/{avatar_id}</c> (the avatar's current adapter),
/// <c>{user_id}/{avatar_id}@v{n}</c> (a pinned version) or a base model name (no adapter).
/// </summary>
public sealed record ModelAddress(string? UserId, string? AvatarId, int? Version, string? BaseModel)
{
    public bool IsAvatar => UserId is not null;

    /// <summary>The address, or null when <paramref name="model"/> is neither form.</summary>
    public static ModelAddress? Parse(string? model)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }
        var slash = model.IndexOf('/');
        if (slash < 0)
        {
            return new ModelAddress(null, null, null, model);
        }
        var (userId, rest) = (model[..slash], model[(slash + 1)..]);
        var at = rest.IndexOf("@v", StringComparison.Ordinal);
        var avatarId = at < 0 ? rest : rest[..at];
        int? version = null;
        if (at >= 0)
        {
            if (!int.TryParse(rest[(at + 2)..], System.Globalization.NumberStyles.None, null, out var n) || n < 1)
            {
                return null;
            }
            version = n;
        }
        return InputRules.IdProblem(userId) is null && InputRules.IdProblem(avatarId) is null
            ? new ModelAddress(userId, avatarId, version, null)
            : null;
    }

    public override string ToString() =>
        IsAvatar ? $"{UserId}/{AvatarId}{(Version is { } v ? $"@v{v}" : "")}" : BaseModel!;
}
