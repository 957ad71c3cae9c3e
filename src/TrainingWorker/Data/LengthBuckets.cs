namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// Batches for one epoch: examples in a seeded random order, sorted by length within groups of
/// <see cref="GroupBatches"/> batches so each batch holds examples of similar length and little padding, then the
/// batches themselves shuffled so lengths do not run in order through the epoch.
/// </summary>
public static class LengthBuckets
{
    public const int GroupBatches = 8;

    public static List<TrainingExample[]> Batches(IReadOnlyList<TrainingExample> examples, int batchSize, Random random)
    {
        var order = examples.ToArray();
        random.Shuffle(order);
        var batches = order.Chunk(batchSize * GroupBatches)
            .SelectMany(group => group.OrderByDescending(e => e.Tokens.Length).Chunk(batchSize))
            .ToArray();
        random.Shuffle(batches);
        return [.. batches];
    }
}
