namespace AdapterPipeline.TrainingBench;

/// <summary>A measured run (or one step of it): real tokens, positions computed (padding included) and targets.</summary>
internal sealed record RunResult(double TokensPerSecond, long Tokens, long Positions, long Targets);
