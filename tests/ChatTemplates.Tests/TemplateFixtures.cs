using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AdapterPipeline.ChatTemplates;

namespace AdapterPipeline.ChatTemplates.Tests;

/// <summary>
/// Reads the fixtures tools/chat-templates/render-fixtures.mjs wrote: each real template, the conversations, and what
/// @huggingface/jinja rendered (or the error it raised) for every case.
/// </summary>
internal static class TemplateFixtures
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Templates");

    public static readonly string[] Models = ["qwen3", "llama3", "llama3_1", "gemma3", "deepseek_v3"];

    public static JsonElement Expected(string model) => Read($"{model}.expected.json");

    public static JsonElement Inputs() => Read("conversations.json");

    public static string TemplateSource(string model) => File.ReadAllText(Path.Combine(Folder, $"{model}.jinja"), Encoding.UTF8);

    public static string Sha256Of(string file) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(Folder, file))));

    public static IEnumerable<object[]> Cases() =>
        from model in Models
        from index in Enumerable.Range(0, Expected(model).GetProperty("results").GetArrayLength())
        select new object[] { model, index };

    public static IReadOnlyList<ChatMessage> Conversation(string name) =>
        Inputs().GetProperty("conversations").GetProperty(name).EnumerateArray()
            .Select(m => new ChatMessage(
                m.GetProperty("role").GetString()!,
                m.GetProperty("content").GetString()!,
                m.TryGetProperty("name", out var n) ? n.GetString() : null))
            .ToList();

    private static JsonElement Read(string file) =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, file))).RootElement;
}
