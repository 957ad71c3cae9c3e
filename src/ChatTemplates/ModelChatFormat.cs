using System.Text.Json.Nodes;

namespace AdapterPipeline.ChatTemplates;

/// <summary>
/// How a base model formats conversations: its own chat template with its <c>bos_token</c>/<c>eos_token</c>, read from
/// a model directory's <c>chat_template.jinja</c> or the <c>chat_template</c> of <c>tokenizer_config.json</c>, or
/// <see cref="PlainChatFormat"/> when it ships none.
/// </summary>
public sealed record ModelChatFormat(ChatTemplate? Template, string? BosToken, string? EosToken)
{
    /// <summary>
    /// Reads the model's template; a template using an unsupported construct throws <see cref="ChatTemplateException"/>.
    /// When tokenizer_config.json names no <c>eos_token</c>, <paramref name="endOfSequence"/> (the tokenizer's own) is
    /// used, so the plain format still ends each reply with it and the model learns to stop.
    /// </summary>
    public static ModelChatFormat Load(string directory, string? endOfSequence = null)
    {
        var configPath = Path.Combine(directory, "tokenizer_config.json");
        var config = File.Exists(configPath) ? JsonNode.Parse(File.ReadAllText(configPath)) : null;
        var jinjaPath = Path.Combine(directory, "chat_template.jinja");
        var source = File.Exists(jinjaPath) ? File.ReadAllText(jinjaPath) : TemplateSource(config?["chat_template"]);
        return new ModelChatFormat(source is null ? null : ChatTemplate.Parse(source), TokenText(config?["bos_token"]), TokenText(config?["eos_token"]) ?? endOfSequence);
    }

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt) =>
        Template is null
            ? PlainChatFormat.Render(messages, addGenerationPrompt, EosToken)
            : Template.Render(messages, addGenerationPrompt, new Dictionary<string, object?> { ["bos_token"] = BosToken, ["eos_token"] = EosToken });

    // A string, or a list of named templates of which transformers uses "default".
    private static string? TemplateSource(JsonNode? node) => node switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray named => named.FirstOrDefault(t => t?["name"]?.GetValue<string>() == "default")?["template"]?.GetValue<string>(),
        _ => null,
    };

    // Special tokens are written either as a string or as an AddedToken object with "content".
    private static string? TokenText(JsonNode? node) => node switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonObject token => token["content"]?.GetValue<string>(),
        _ => null,
    };
}
