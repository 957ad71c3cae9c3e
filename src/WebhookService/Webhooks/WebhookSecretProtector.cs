using Microsoft.AspNetCore.DataProtection;

namespace AdapterPipeline.WebhookService.Webhooks;

/// <summary>
/// Signing secrets are stored encrypted (ASP.NET Core Data Protection, its key ring in PostgreSQL beside the
/// documents, see <see cref="DataProtectionKeyRing"/>) and decrypted only to sign or to show the secret to its owner.
/// </summary>
public sealed class WebhookSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("AdapterPipeline.WebhookService.SigningSecrets.v1");

    public string Protect(string secret) => protector.Protect(secret);

    /// <summary>The secret; one stored before secrets were encrypted (it starts with <c>whsec_</c>) is read as it is.</summary>
    public string Unprotect(string stored) =>
        stored.StartsWith(WebhookSecrets.Prefix, StringComparison.Ordinal) ? stored : protector.Unprotect(stored);
}
