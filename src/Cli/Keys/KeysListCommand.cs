using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;

namespace AdapterPipeline.Cli.Keys;

public sealed class KeysListCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<GlobalSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, GlobalSettings settings, CancellationToken ct) => api.GetAsync(KeysPath.Root, ct);

    protected override void Show(JsonElement answer, GlobalSettings settings)
    {
        var table = Render.Table("key", "user", "read only", "created", "expires", "revoked", "last used");
        foreach (var k in Render.Items(answer, "keys"))
        {
            table.AddRow(
                Render.Text(k, "key_id"), Render.Text(k, "user_id"), k.GetProperty("read_only").GetBoolean() ? "yes" : "no",
                Render.Text(k, "created_at"), Render.Text(k, "expires_at"), Render.Text(k, "revoked_at"), Render.Text(k, "last_used_at"));
        }
        Out.Write(table);
    }
}
