namespace AdapterPipeline.TrainingBench;

/// <summary>
/// The fixed chat layout (--chat fixed; bench_torch.py's chat_targets builds the same): every example the full
/// sequence length, a 32-token system prompt, then turns of a 48-token user message and a 16-token assistant reply;
/// only the replies are targets. Kept to reproduce the first figures; <see cref="ChatConversations"/> is the default.
/// </summary>
internal static class ChatLayout
{
    public static bool[] Targets(int seq)
    {
        var targets = new bool[seq];
        for (var position = 32 + 48; position < seq; position += 48 + 16)
        {
            for (var i = position; i < Math.Min(position + 16, seq); i++)
            {
                targets[i] = true;
            }
        }
        return targets;
    }
}
