using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public sealed class When_training_is_cancelled_or_runs_long : IDisposable
{
    private readonly TrainerFixture fixture = new();

    [Fact]
    public async Task Should_stop_within_one_step_of_cancellation()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingProgress(p =>
        {
            if (p.Step == 3)
            {
                cancellation.Cancel();
            }
        });
        var request = new TrainingRequest { NumEpochs = 50, BatchSize = 1, MaxSeqLength = 16, LoggingSteps = 1 };
        var output = fixture.NewDirectory("out");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Trainer.TrainAsync(request, [fixture.File("a.txt", TrainerFixture.Corpus)], output, progress, null, cancellation.Token));

        Assert.Equal(3, progress.Reports[^1].Step);
        Assert.False(File.Exists(Path.Combine(output, "adapter_model.safetensors")));
    }

    [Fact]
    public async Task Should_keep_native_memory_flat_over_many_steps()
    {
        MallocTuning.Apply();
        var resident = new Dictionary<int, long>();
        var progress = new RecordingProgress(p => resident[p.Step] = ResidentBytes());
        var request = new TrainingRequest { NumEpochs = 100, BatchSize = 4, MaxSeqLength = 64, LoggingSteps = 25, MaxSteps = 400, EvalFraction = 0 };
        var text = string.Concat(Enumerable.Repeat(TrainerFixture.Corpus, 20));

        await fixture.Trainer.TrainAsync(request, [fixture.File("a.txt", text)], fixture.NewDirectory("out"), progress, null, CancellationToken.None);

        var growth = resident[400] - resident[100];
        Assert.True(growth < 24 * 1024 * 1024, $"resident memory grew {growth / 1024 / 1024} MiB from step 100 to 400");
    }

    private static long ResidentBytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public void Dispose() => fixture.Dispose();
}
