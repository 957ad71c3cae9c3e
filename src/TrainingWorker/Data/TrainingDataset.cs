namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// Examples to train on and examples held out for evaluation, split by document: the user-chosen eval documents
/// when there are any, otherwise a <see cref="DocumentSplit"/> of the training documents.
/// </summary>
/// <param name="TrainDocuments">The documents trained on.</param>
/// <param name="EvalDocuments">The documents held out (for the eval loss and the sample replies).</param>
/// <param name="TruncatedExamples">Conversations that lost turns to fit <c>max_seq_length</c> (dropped ones included).</param>
public sealed record TrainingDataset(
    IReadOnlyList<TrainingExample> Train,
    IReadOnlyList<TrainingExample> Eval,
    IReadOnlyList<TrainingDocument> TrainDocuments,
    IReadOnlyList<TrainingDocument> EvalDocuments,
    int TruncatedExamples)
{
    /// <summary>Tokens fed to the model per training epoch.</summary>
    public long TrainTokens => Train.Sum(e => (long)e.Tokens.Length);

    /// <summary>Tokens the loss is computed on per training epoch.</summary>
    public long TrainTargetTokens => Train.Sum(e => (long)e.TargetCount);

    public long EvalTokens => Eval.Sum(e => (long)e.Tokens.Length);

    public long EvalTargetTokens => Eval.Sum(e => (long)e.TargetCount);

    public static TrainingDataset Build(
        IReadOnlyList<TrainingDocument> documents, IReadOnlyList<TrainingDocument> chosenEvalDocuments, ExampleEncoder encoder, double evalFraction, int seed)
    {
        var heldOut = chosenEvalDocuments.Count > 0 ? new HashSet<int>() : DocumentSplit.HeldOut(documents.Count, evalFraction, seed);
        var trainDocuments = documents.Where((_, i) => !heldOut.Contains(i)).ToList();
        var evalDocuments = chosenEvalDocuments.Count > 0 ? chosenEvalDocuments : documents.Where((_, i) => heldOut.Contains(i)).ToList();

        var truncated = 0;
        List<TrainingExample> Encode(IReadOnlyList<TrainingDocument> part, int firstIndex) => part.SelectMany((d, i) =>
        {
            var encoded = encoder.Encode(d, firstIndex + i);
            truncated += encoded.Truncated ? 1 : 0;
            return encoded.Examples;
        }).ToList();

        var train = Encode(trainDocuments, 0);
        var eval = Encode(evalDocuments, trainDocuments.Count);
        if (train.Count == 0)
        {
            throw new TrainingDataException(
                "Nothing to train on: every example is empty, has no assistant reply with weight 1, or is too long for max_seq_length even without its later turns.");
        }
        return new TrainingDataset(train, eval, trainDocuments, evalDocuments, truncated);
    }
}
