using System.Collections.Concurrent;
using System.Text;

namespace AdapterPipeline.LanguageModels.Tokenization;

/// <summary>
/// The BPE model of a Hugging Face tokenizer: a word starts as one symbol per code point and the adjacent pair with
/// the lowest merge rank (leftmost on ties) is merged until no pair has a rank. Code points missing from the vocabulary
/// become their UTF-8 byte tokens (<c>&lt;0xE2&gt;</c>) when <c>byte_fallback</c> is on, else the unknown token.
/// With <c>ignore_merges</c> (Llama 3) a word that is itself in the vocabulary is taken whole.
/// </summary>
internal sealed class BytePairEncoding
{
    private const int CacheLimit = 200_000;
    private readonly Dictionary<string, int> vocab;
    private readonly Dictionary<long, (int Rank, int Id)> merges;
    private readonly bool byteFallback;
    private readonly bool ignoreMerges;
    private readonly int? unknownId;
    private readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);

    public BytePairEncoding(Dictionary<string, int> vocab, IEnumerable<(string Left, string Right)> merges, bool byteFallback, bool ignoreMerges, int? unknownId)
    {
        this.vocab = vocab;
        this.byteFallback = byteFallback;
        this.ignoreMerges = ignoreMerges;
        this.unknownId = unknownId;
        this.merges = [];
        var rank = 0;
        foreach (var (left, right) in merges)
        {
            if (vocab.TryGetValue(left, out var a) && vocab.TryGetValue(right, out var b) && vocab.TryGetValue(left + right, out var merged))
                this.merges.TryAdd(Key(a, b), (rank, merged));
            rank++;
        }
    }

    private static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    public void Encode(string word, List<int> output)
    {
        if (word.Length == 0) return;
        if (ignoreMerges && vocab.TryGetValue(word, out var whole))
        {
            output.Add(whole);
            return;
        }
        if (!cache.TryGetValue(word, out var ids))
        {
            ids = Merge(word);
            if (cache.Count >= CacheLimit) cache.Clear();
            cache.TryAdd(word, ids);
        }
        output.AddRange(ids);
    }

    private int[] Merge(string word)
    {
        var symbols = new List<int>(word.Length);
        var unknown = new Dictionary<int, string>();
        foreach (var rune in word.EnumerateRunes())
        {
            var text = rune.ToString();
            if (vocab.TryGetValue(text, out var id)) symbols.Add(id);
            else
            {
                unknown[symbols.Count] = text;
                symbols.Add(-1);
            }
        }

        var n = symbols.Count;
        var next = new int[n];
        var prev = new int[n];
        for (var i = 0; i < n; i++) { next[i] = i + 1 < n ? i + 1 : -1; prev[i] = i - 1; }
        var queue = new PriorityQueue<(int Position, int Left, int Right), (int Rank, int Position)>();
        void Enqueue(int at)
        {
            if (at < 0 || next[at] < 0) return;
            var (left, right) = (symbols[at], symbols[next[at]]);
            if (left >= 0 && right >= 0 && merges.TryGetValue(Key(left, right), out var merge))
                queue.Enqueue((at, left, right), (merge.Rank, at));
        }
        for (var i = 0; i < n - 1; i++) Enqueue(i);
        while (queue.TryDequeue(out var pair, out _))
        {
            var at = pair.Position;
            // A queued pair is stale once either side has been merged into something else.
            if (symbols[at] != pair.Left || next[at] < 0 || symbols[next[at]] != pair.Right) continue;
            var right = next[at];
            symbols[at] = merges[Key(pair.Left, pair.Right)].Id;
            symbols[right] = -2;
            next[at] = next[right];
            if (next[at] >= 0) prev[next[at]] = at;
            Enqueue(prev[at]);
            Enqueue(at);
        }

        var result = new List<int>(n);
        for (var i = 0; i >= 0 && i < n; i = next[i])
        {
            if (symbols[i] >= 0) result.Add(symbols[i]);
            else AddUnknown(unknown[i], result);
        }
        return [.. result];
    }

    private void AddUnknown(string text, List<int> output)
    {
        if (byteFallback)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var ids = new List<int>(bytes.Length);
            foreach (var b in bytes)
                if (vocab.TryGetValue($"<0x{b:X2}>", out var id)) ids.Add(id);
            if (ids.Count == bytes.Length)
            {
                output.AddRange(ids);
                return;
            }
        }
        if (unknownId is { } unk) output.Add(unk);
    }
}
