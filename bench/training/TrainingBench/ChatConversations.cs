using System.Text.Json;

namespace AdapterPipeline.TrainingBench;

/// <summary>
/// The benchmark's varied chat conversations: a 32-token system prompt, then 1–4 turns, each a user message of 16–96
/// tokens and an assistant reply of 8–64, lengths drawn from a seeded generator and the whole truncated at the
/// sequence length; only the replies are targets. A conversation is its target mask, one entry per token.
/// bench_torch.py reads the same list from the file <see cref="Json"/> writes, so both sides train on it.
/// </summary>
internal static class ChatConversations
{
    public const int Seed = 1234;

    public static List<bool[]> Generate(int count, int seq, int seed = Seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => One(random, seq))];
    }

    /// <summary>The list and the plan it was drawn for; a target mask as a string of 0s and 1s.</summary>
    public static string Json(IReadOnlyList<bool[]> conversations, int seq, int batch, int steps, int runs, int warmup) =>
        JsonSerializer.Serialize(new
        {
            seed = Seed, seq, batch, steps, runs, warmup,
            examples = conversations.Select(c => new { length = c.Length, targets = string.Concat(c.Select(t => t ? '1' : '0')) }),
        });

    private static bool[] One(Random random, int seq)
    {
        var targets = new List<bool>(Enumerable.Repeat(false, 32));
        var turns = random.Next(1, 5);
        for (var turn = 0; turn < turns; turn++)
        {
            targets.AddRange(Enumerable.Repeat(false, random.Next(16, 97)));
            targets.AddRange(Enumerable.Repeat(true, random.Next(8, 65)));
        }
        return [.. targets.Take(seq)];
    }
}
