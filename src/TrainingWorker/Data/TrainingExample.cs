namespace AdapterPipeline.TrainingWorker.Data;

/// <summary>
/// One tokenized training sequence, never longer than <c>max_seq_length</c> and never mixed with another document.
/// <see cref="Targets"/>[t] says whether token t is predicted (from the tokens before it) and counts in the loss.
/// </summary>
/// <param name="Document">Index of the document it came from.</param>
public sealed record TrainingExample(int[] Tokens, bool[] Targets, int Document)
{
    /// <summary>Tokens that count in the loss; the first token has nothing before it to be predicted from.</summary>
    public int TargetCount => Targets.Skip(1).Count(t => t);
}
