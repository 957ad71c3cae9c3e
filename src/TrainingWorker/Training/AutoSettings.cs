using System.Globalization;

namespace AdapterPipeline.TrainingWorker.Training;

/// <summary>A setting the request left to "auto": the value used and why.</summary>
public sealed record AutoSetting(string Field, string Value, string Reason);

/// <summary>The request's learning rate, epochs and batch size with every "auto" replaced by its value.</summary>
public sealed record ResolvedHyperparameters(double LearningRate, int NumEpochs, int BatchSize, IReadOnlyList<AutoSetting> Chosen);

/// <summary>
/// The rule behind "auto" (docs/lora-training.md), a pure function of the data and the base model:
/// <list type="bullet">
/// <item>num_epochs: enough passes for the model to see <see cref="TargetTokenBudget"/> trained tokens, between 1
/// and <see cref="MaxEpochs"/> (a small persona set gets more passes than a large corpus), and no more than the
/// <see cref="ComputeBudgetFlops"/> allow at 6 × parameters × tokens per pass.</item>
/// <item>learning_rate: 2e-4 up to 1B parameters, then scaled by √(1B / parameters), at least 5e-5.</item>
/// <item>batch_size: 4, halved for each doubling of max_seq_length past 512 (at least 1), and never more than the
/// training examples.</item>
/// </list>
/// </summary>
public static class AutoSettings
{
    public const long TargetTokenBudget = 200_000;
    public const int MaxEpochs = 8;
    public const double ComputeBudgetFlops = 3e15;
    public const double BaseLearningRate = 2e-4;
    public const double MinLearningRate = 5e-5;
    public const int BaseBatchSize = 4;

    /// <param name="request">The request; null fields are "auto".</param>
    /// <param name="trainedTokens">Tokens the loss is computed on per epoch.</param>
    /// <param name="totalTokens">Tokens fed to the model per epoch.</param>
    /// <param name="examples">Training examples.</param>
    /// <param name="parameters">The base model's parameter count.</param>
    public static ResolvedHyperparameters Resolve(TrainingRequest request, long trainedTokens, long totalTokens, int examples, long parameters)
    {
        var chosen = new List<AutoSetting>();
        var epochs = request.NumEpochs ?? Choose(chosen, "num_epochs", Epochs(trainedTokens, totalTokens, parameters, out var whyEpochs), whyEpochs);
        var learningRate = request.LearningRate ?? Choose(chosen, "learning_rate", LearningRate(parameters, out var whyRate), whyRate);
        var batchSize = request.BatchSize ?? Choose(chosen, "batch_size", BatchSize(request.MaxSeqLength, examples, out var whyBatch), whyBatch);
        return new ResolvedHyperparameters(learningRate, epochs, batchSize, chosen);
    }

    public static int Epochs(long trainedTokens, long totalTokens, long parameters, out string why)
    {
        var wanted = (int)Math.Clamp(Math.Ceiling((double)TargetTokenBudget / Math.Max(1, trainedTokens)), 1, MaxEpochs);
        var affordable = (int)Math.Max(1, Math.Floor(ComputeBudgetFlops / (6.0 * parameters * Math.Max(1, totalTokens))));
        var epochs = Math.Min(wanted, affordable);
        why = Invariant($"{trainedTokens} trained tokens per epoch: {TargetTokenBudget} / {trainedTokens} rounded up, between 1 and {MaxEpochs}, is {wanted}")
            + (affordable < wanted ? Invariant($"; the compute budget ({ComputeBudgetFlops:0e0} FLOPs at {parameters} parameters × {totalTokens} tokens per epoch) allows {affordable}") : "");
        return epochs;
    }

    public static double LearningRate(long parameters, out string why)
    {
        var rate = Math.Max(MinLearningRate, BaseLearningRate * Math.Min(1, Math.Sqrt(1e9 / parameters)));
        why = parameters <= 1e9
            ? Invariant($"{BaseLearningRate:0e0} for a base model of {parameters} parameters (up to 1B)")
            : Invariant($"{BaseLearningRate:0e0} × √(1B / {parameters} parameters), at least {MinLearningRate:0e0}");
        return rate;
    }

    public static int BatchSize(int maxSeqLength, int examples, out string why)
    {
        var size = BaseBatchSize;
        for (var length = 1024; length <= maxSeqLength && size > 1; length *= 2)
        {
            size /= 2;
        }
        size = Math.Max(1, Math.Min(size, examples));
        why = Invariant($"{BaseBatchSize}, halved for each doubling of max_seq_length ({maxSeqLength}) past 512, at most the {examples} training examples");
        return size;
    }

    private static T Choose<T>(List<AutoSetting> chosen, string field, T value, string why) where T : IFormattable
    {
        chosen.Add(new AutoSetting(field, value.ToString(null, CultureInfo.InvariantCulture), why));
        return value;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
