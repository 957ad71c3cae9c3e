namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>The secret that signs a user's per-job webhooks.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Secret">The signing secret (<c>whsec_</c> + base64 key).</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="PreviousSecretValidUntil">Until when the secret it replaced signs too; null when none does.</param>
public sealed record JobWebhookSecret(string UserId, string Secret, DateTimeOffset CreatedAt, DateTimeOffset? PreviousSecretValidUntil = null);
