using System.Text.Json;
using AdapterPipeline.Cli.Configuration;
using AdapterPipeline.Cli.Http;
using AdapterPipeline.Cli.Output;
using Spectre.Console;

namespace AdapterPipeline.Cli.Adapters;

public sealed class VersionsListCommand(Terminal terminal, CliEnvironment environment) : ApiCommand<AvatarSettings>(terminal, environment)
{
    protected override Task<JsonElement> CallAsync(ApiClient api, AvatarSettings settings, CancellationToken ct) =>
        api.GetAsync($"{settings.Adapters}/versions", ct);

    protected override void Show(JsonElement answer, AvatarSettings settings)
    {
        var current = answer.GetProperty("current_version").GetInt32();
        var table = Render.Table("version", "trained", "size", "loss", "created", "job");
        foreach (var version in Render.Items(answer, "versions"))
        {
            var number = version.GetProperty("version").GetInt32();
            var loss = version.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Object ? Render.Text(metrics, "final_train_loss") : "";
            table.AddRow(
                number == current ? $"[green]{number} (current)[/]" : number.ToString(),
                version.GetProperty("trained").GetBoolean() ? "yes" : "[grey]no[/]",
                Render.Bytes(version.GetProperty("size_bytes").GetInt64()),
                loss,
                Render.Text(version, "created_at"),
                Render.Text(version, "job_id"));
        }
        Out.Write(table);
    }
}
