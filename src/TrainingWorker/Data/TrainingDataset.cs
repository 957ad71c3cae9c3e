using AdapterPipeline.TrainingWorker.Tokenization;

namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// Tokenized training data packed into blocks of at most <c>max_seq_length</c> tokens: documents are concatenated,
/// each followed by the end-of-sequence token, and cut into blocks; a short last block is kept. A seeded shuffle
/// sets <see cref="Eval"/> blocks aside for the held-out loss.
/// </summary>
public sealed record TrainingDataset(IReadOnlyList<int[]> Train, IReadOnlyList<int[]> Eval)
{
    public long TrainTokens => Train.Sum(b => (long)b.Length);

    public long EvalTokens => Eval.Sum(b => (long)b.Length);

    public static TrainingDataset Build(IReadOnlyList<string> documents, TextTokenizer tokenizer, int blockSize, double evalFraction, int seed)
    {
        var blocks = Pack(documents.Select(tokenizer.Encode), tokenizer.EndOfSequenceId, blockSize);
        if (blocks.Count == 0)
        {
            throw new TrainingDataException("The training data is too short: it needs at least two tokens.");
        }
        var shuffled = blocks.ToArray();
        new Random(seed).Shuffle(shuffled);
        var evalCount = blocks.Count < 2 || evalFraction <= 0 ? 0 : Math.Clamp((int)Math.Round(blocks.Count * evalFraction), 1, blocks.Count - 1);
        return new TrainingDataset(shuffled[evalCount..], shuffled[..evalCount]);
    }

    public static List<int[]> Pack(IEnumerable<IReadOnlyList<int>> documents, int endOfSequenceId, int blockSize)
    {
        var stream = new List<int>();
        foreach (var document in documents)
        {
            stream.AddRange(document);
            stream.Add(endOfSequenceId);
        }
        var blocks = new List<int[]>();
        for (var start = 0; start < stream.Count; start += blockSize)
        {
            var length = Math.Min(blockSize, stream.Count - start);
            // A block of one token has nothing to predict.
            if (length >= 2)
            {
                blocks.Add(stream.GetRange(start, length).ToArray());
            }
        }
        return blocks;
    }
}
