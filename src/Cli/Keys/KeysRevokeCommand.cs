using System.ComponentModel;
using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;
using Spectre.Console.Cli;

namespace AdapterPipeline.Cli.Keys;

public sealed class KeysRevokeSettings : GlobalSettings
{
    [CommandArgument(0, "<key_id>")]
    [Description("The key's id (the part after ap_live_, as `keys ls` shows it).")]
    public string KeyId { get; init; } = "";
}

public sealed class KeysRevokeCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<KeysRevokeSettings>(terminal, environment)
{
    protected override async Task<JsonElement> CallAsync(ApiClient api, KeysRevokeSettings settings, CancellationToken ct)
    {
        await api.DeleteAsync($"{KeysPath.Root}/{Uri.EscapeDataString(settings.KeyId)}", ct);
        return JsonSerializer.SerializeToElement(new { key_id = settings.KeyId, revoked = true });
    }

    protected override void Show(JsonElement answer, KeysRevokeSettings settings) =>
        Out.MarkupLineInterpolated($"Revoked key {settings.KeyId}.");
}
