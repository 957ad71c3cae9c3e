namespace AdapterPipeline.TrainingBench;

/// <summary>
/// The benchmark's chat examples (bench_torch.py's chat_targets builds the same): a 32-token system prompt, then
/// turns of a 48-token user message and a 16-token assistant reply; only the replies are targets, as with
/// assistant-only loss masks on real conversations.
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
