using System.Text;

namespace AdapterPipeline.ChatTemplates;

/// <summary>
/// The format for base models that ship no chat template: each turn is its role with a capital letter and a colon on
/// a line of its own, then the content, then a blank line; an assistant turn ends with the end-of-sequence token (when
/// the tokenizer has one) before the blank line, so the model learns to stop. The generation prompt is
/// <c>"Assistant:\n"</c>. For example <c>"System:\nBe brief.\n\nUser:\nHi\n\nAssistant:\nHello!&lt;/s&gt;\n\n"</c>.
/// </summary>
public static class PlainChatFormat
{
    public static string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt, string? eosToken)
    {
        var sb = new StringBuilder();
        foreach (var message in messages)
        {
            sb.Append(RoleLabel(message.Role)).Append(":\n").Append(message.Content);
            if (message.Role == "assistant") sb.Append(eosToken);
            sb.Append("\n\n");
        }
        if (addGenerationPrompt) sb.Append("Assistant:\n");
        return sb.ToString();
    }

    private static string RoleLabel(string role) => role.Length == 0 ? role : char.ToUpperInvariant(role[0]) + role[1..];
}
