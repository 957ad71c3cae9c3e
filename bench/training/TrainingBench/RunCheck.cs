namespace AdapterPipeline.TrainingBench;

/// <summary>
/// One line naming a run's examples (lengths in list order, tokens, targets); bench_torch.py prints the same line for
/// its slice, so the two outputs show that both sides trained on the same data.
/// </summary>
internal static class RunCheck
{
    public static string Line(int run, IEnumerable<bool[]> examples)
    {
        var list = examples.ToList();
        var targets = list.Sum(e => e.Skip(1).Count(t => t));
        return $"    run {run + 1}: {list.Count} examples, {list.Sum(e => e.Length)} tokens, {targets} targets; lengths {string.Join(' ', list.Select(e => e.Length))}";
    }
}
