using System.Text.Json;
using Spectre.Console;

namespace AdapterPipeline.Cli.Output;

/// <summary>Small helpers for showing API answers to people.</summary>
public static class Render
{
    /// <summary>A property as text ("" when absent or null), escaped for markup.</summary>
    public static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? Markup.Escape(value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText())
            : "";

    public static IEnumerable<JsonElement> Items(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [];

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KiB",
        < 1024L * 1024 * 1024 => $"{bytes / (1024.0 * 1024):0.#} MiB",
        _ => $"{bytes / (1024.0 * 1024 * 1024):0.##} GiB",
    };

    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn($"[bold]{column}[/]"));
        }
        return table;
    }
}
