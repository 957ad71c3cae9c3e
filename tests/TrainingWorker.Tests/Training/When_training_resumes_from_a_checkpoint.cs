using AdapterPipeline.LanguageModels.Safetensors;
using AdapterPipeline.TrainingWorker.Data;
using AdapterPipeline.TrainingWorker.Training;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

public sealed class When_training_resumes_from_a_checkpoint : IDisposable
{
    private static readonly CheckpointPolicy EveryTwoSteps = new(2, TimeSpan.MaxValue);

    private readonly TrainerFixture fixture = new();

    // Ten documents, two held out, three epochs: the interrupted run crosses epoch ends, evaluations, a kept best
    // epoch, reshuffles and dropout before its last checkpoint.
    private readonly TrainingRequest request = new()
    {
        NumEpochs = 3, BatchSize = 2, MaxSeqLength = 16, EvalFraction = 0.2, LoggingSteps = 1, LoraDropout = 0.1, LearningRate = 0.005,
    };

    private TrainingFile Notes() => fixture.File("notes.jsonl",
        string.Concat(Enumerable.Range(0, 10).Select(i => $"{{\"text\": \"{i}: {TrainerFixture.Corpus}\"}}\n")));

    [Fact]
    public async Task Should_continue_after_the_checkpoint_and_end_with_the_uninterrupted_runs_adapter()
    {
        var whole = await fixture.Trainer.TrainAsync(request, [Notes()], fixture.NewDirectory("whole"), null, null, CancellationToken.None);

        var saved = new List<SavedCheckpoint>();
        using var cancellation = new CancellationTokenSource();
        var interrupted = new RecordingProgress(p =>
        {
            if (p.Step == 6)
            {
                cancellation.Cancel();
            }
        });
        var first = new TrainingCheckpoints(null, fixture.NewDirectory("first"), EveryTwoSteps, saved.Add, _ => Assert.Fail("nothing to resume from"));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            fixture.Trainer.TrainAsync(request, [Notes()], fixture.NewDirectory("a"), interrupted, first, cancellation.Token));
        Assert.True(whole.Metrics.TotalSteps > 8, $"only {whole.Metrics.TotalSteps} steps");
        Assert.Equal(6, saved[^1].Step);
        Assert.Contains(saved, c => c.Step == 4);

        int? resumedAfter = null;
        var later = new RecordingProgress();
        var second = new TrainingCheckpoints(saved[^1].Path, fixture.NewDirectory("second"), EveryTwoSteps, _ => { }, s => resumedAfter = s);
        var resumed = await fixture.Trainer.TrainAsync(request, [Notes()], fixture.NewDirectory("b"), later, second, CancellationToken.None);

        Assert.Equal(6, resumedAfter);
        Assert.Equal(7, later.Reports[0].Step);
        Assert.Equal(whole.Metrics.TotalSteps, resumed.Metrics.TotalSteps);
        Assert.Equal(whole.Metrics.LossCurve.Select(p => p.Step), resumed.Metrics.LossCurve.Select(p => p.Step));
        foreach (var (expected, actual) in whole.Metrics.LossCurve.Zip(resumed.Metrics.LossCurve))
        {
            Assert.Equal(expected.Loss, actual.Loss, 1e-5);
        }
        Assert.Equal(whole.Metrics.BestEpoch, resumed.Metrics.BestEpoch);
        AssertSameWeights(whole.Files.AdapterWeightsPath, resumed.Files.AdapterWeightsPath);
    }

    [Fact]
    public async Task Should_start_afresh_from_a_checkpoint_of_another_plan()
    {
        var saved = new List<SavedCheckpoint>();
        var first = new TrainingCheckpoints(null, fixture.NewDirectory("first"), EveryTwoSteps, saved.Add, _ => { });
        await fixture.Trainer.TrainAsync(request, [Notes()], fixture.NewDirectory("a"), null, first, CancellationToken.None);

        int? resumedAfter = null;
        var later = new RecordingProgress();
        var other = new TrainingCheckpoints(saved[0].Path, fixture.NewDirectory("second"), EveryTwoSteps, _ => { }, s => resumedAfter = s);
        await fixture.Trainer.TrainAsync(request with { BatchSize = 4 }, [Notes()], fixture.NewDirectory("b"), later, other, CancellationToken.None);

        Assert.Null(resumedAfter);
        Assert.Equal(1, later.Reports[0].Step);
    }

    [Theory]
    [InlineData(3, 10, false, false)]
    [InlineData(4, 10, false, true)]
    [InlineData(3, 10, true, true)]
    [InlineData(10, 10, true, false)]
    public void Should_checkpoint_every_n_steps_and_at_epoch_ends_but_not_after_the_last_step(int step, int total, bool endOfEpoch, bool due) =>
        Assert.Equal(due, new CheckpointPolicy(2, TimeSpan.MaxValue).IsDue(step, total, endOfEpoch, TimeSpan.Zero));

    [Fact]
    public void Should_checkpoint_by_time_without_a_step_count()
    {
        var policy = new CheckpointPolicy(null, TimeSpan.FromMinutes(5));
        Assert.False(policy.IsDue(3, 10, false, TimeSpan.FromMinutes(4)));
        Assert.True(policy.IsDue(3, 10, false, TimeSpan.FromMinutes(5)));
        Assert.True(policy.IsDue(3, 10, true, TimeSpan.Zero));
    }

    private static void AssertSameWeights(string expectedPath, string actualPath)
    {
        using var expected = SafetensorsFile.Open(expectedPath);
        using var actual = SafetensorsFile.Open(actualPath);
        Assert.Equal(expected.Entries.Keys.Order(), actual.Entries.Keys.Order());
        foreach (var name in expected.Entries.Keys)
        {
            using var scope = NewDisposeScope();
            var difference = (expected.Read(name) - actual.Read(name)).abs().max().item<float>();
            Assert.True(difference <= 1e-6f, $"{name} differs by {difference}");
        }
    }

    public void Dispose() => fixture.Dispose();
}
