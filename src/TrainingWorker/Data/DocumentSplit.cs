namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// Which documents are held out for evaluation: whole documents, chosen by a seeded shuffle, at most
/// <see cref="MaximumShare"/> of them, and none below <see cref="MinimumDocuments"/> (an eval loss on one or two
/// documents says little and costs a large share of the data).
/// </summary>
public static class DocumentSplit
{
    public const int MinimumDocuments = 5;
    public const double MaximumShare = 0.2;

    public static IReadOnlySet<int> HeldOut(int documents, double evalFraction, int seed)
    {
        if (documents < MinimumDocuments || evalFraction <= 0)
        {
            return new HashSet<int>();
        }
        var count = Math.Clamp((int)Math.Round(documents * evalFraction), 1, (int)Math.Floor(documents * MaximumShare));
        var order = Enumerable.Range(0, documents).ToArray();
        new Random(seed).Shuffle(order);
        return order.Take(count).ToHashSet();
    }
}
