using System.Runtime.InteropServices;
using AdapterPipeline.TrainingWorker.Training;

namespace AdapterPipeline.TrainingWorker.Tests.Training;

/// <summary>A collection of its own that runs with no other test beside it (see the memory check below).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurement";
}

[Collection(MemoryMeasurementCollection.Name)]
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
        var progress = new RecordingProgress(p => resident[p.Step] = NativeBytesInUse());
        var request = new TrainingRequest { NumEpochs = 100, BatchSize = 4, MaxSeqLength = 64, LoggingSteps = 25, MaxSteps = 400, EvalFraction = 0 };
        var text = string.Concat(Enumerable.Repeat(TrainerFixture.Corpus, 20));

        await fixture.Trainer.TrainAsync(request, [fixture.File("a.txt", text)], fixture.NewDirectory("out"), progress, null, CancellationToken.None);

        var growth = resident[400] - resident[100];
        Assert.True(growth < 24 * 1024 * 1024, $"native memory in use grew {growth / 1024 / 1024} MiB from step 100 to 400");
    }

    /// <summary>
    /// Bytes glibc's malloc has handed out and not taken back, over every arena and mmapped block: libtorch's tensors
    /// and whatever else native code holds. Unlike the process's resident size it does not move with the managed
    /// heap, which other code in the test process (a host still stopping, the GC sizing its heaps) grows and shrinks.
    /// </summary>
    private static long NativeBytesInUse()
    {
        var info = mallinfo2();
        return (long)(info.InUseInArenas + info.InMmappedBlocks);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena;
        public nuint OrdBlks;
        public nuint SmBlks;
        public nuint HBlks;
        public nuint InMmappedBlocks;
        public nuint UsmBlks;
        public nuint FsmBlks;
        public nuint InUseInArenas;
        public nuint FordBlks;
        public nuint KeepCost;
    }

    [DllImport("libc")]
    private static extern MallInfo2 mallinfo2();

    public void Dispose() => fixture.Dispose();
}
