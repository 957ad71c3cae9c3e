namespace AdapterPipeline.Contracts.Webhooks;

/// <summary>The secret that signs a user's per-job webhooks.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Secret">The signing secret (<c>whsec_</c> + base64 key).</param>
/// <param name="CreatedAt">When it was created.</param>
public sealed record JobWebhookSecret(string UserId, string Secret, DateTimeOffset CreatedAt);
