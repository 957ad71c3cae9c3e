using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Jobs;
using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Adapters;

namespace AdapterPipeline.MetadataService.Tests.Adapters;

public sealed class When_adapter_changes_are_decided
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    private static TrainingJobSubmitted Submitted(Guid jobId, string? key = null, string name = "default") =>
        new(jobId, "u1", "a1", TrainingJobKind.Train, name, key, [], new TrainingHyperparameters(), T0);

    private static AdapterVersionRecorded Recorded(Guid jobId, int version) =>
        new(jobId, "persona", version, true, "tiny-llama", $"k{version}", "aa", 10, null, T0);

    /// <summary>An adapter "persona" at version 1, made by <see cref="First"/>, with no job running.</summary>
    private static readonly AvatarAdapter WithVersion = new AvatarAdapter()
        .Apply(Submitted(First, key: "k1", name: "persona"))
        .Apply(Recorded(First, 1))
        .Apply(new AdapterJobFinished(First, TrainingJobStates.Succeeded, null, T0));

    [Fact]
    public void Should_record_a_job_and_keep_the_adapters_name()
    {
        var recorded = Assert.IsType<TrainingJobSubmitted>(Assert.Single(AdapterDecisions.Decide(WithVersion, Submitted(Second, name: "other"))));

        Assert.Equal((Second, "persona"), (recorded.JobId, recorded.AdapterName));
    }

    [Fact]
    public void Should_append_nothing_for_a_used_idempotency_key() =>
        Assert.Empty(AdapterDecisions.Decide(WithVersion, Submitted(Second, key: "k1")));

    [Fact]
    public void Should_refuse_a_second_job_while_one_runs()
    {
        var running = new AvatarAdapter().Apply(Submitted(First));

        var rejection = Assert.Throws<RequestRejectedException>(() => AdapterDecisions.Decide(running, Submitted(Second)));

        Assert.Equal((RejectionReasons.JobRunning, (Guid?)First), (rejection.Reason, rejection.RunningJobId));
    }

    [Fact]
    public void Should_finish_only_the_running_job_and_only_once()
    {
        var running = new AvatarAdapter().Apply(Submitted(Second));
        var finished = new AdapterJobFinished(Second, TrainingJobStates.Failed, "boom", T0);

        Assert.Single(AdapterDecisions.Decide(running, finished));
        Assert.Empty(AdapterDecisions.Decide(running.Apply(finished), finished));
        Assert.Empty(AdapterDecisions.Decide(running, finished with { JobId = First }));
    }

    [Fact]
    public void Should_record_one_version_per_job()
    {
        Assert.Empty(AdapterDecisions.Decide(WithVersion, Recorded(First, 2)));
        Assert.Single(AdapterDecisions.Decide(WithVersion, Recorded(Second, 2)));
    }

    [Fact]
    public void Should_restore_a_known_version_and_refuse_an_unknown_one()
    {
        var two = WithVersion.Apply(Recorded(Second, 2));

        var restored = Assert.IsType<AdapterVersionRestored>(Assert.Single(AdapterDecisions.Decide(two, new RestoreAdapterVersion("u1", "a1", 1), T0)));
        Assert.Equal((1, 2), (restored.Version, restored.PreviousVersion));
        Assert.Empty(AdapterDecisions.Decide(two, new RestoreAdapterVersion("u1", "a1", 2), T0));
        var unknown = Assert.Throws<RequestRejectedException>(() => AdapterDecisions.Decide(two, new RestoreAdapterVersion("u1", "a1", 3), T0));
        Assert.Equal(RejectionReasons.NotFound, unknown.Reason);
    }

    [Fact]
    public void Should_remove_an_adapter_and_refuse_when_there_is_none()
    {
        var removed = Assert.IsType<AdapterRemoved>(Assert.Single(AdapterDecisions.Decide(WithVersion, new DeleteAdapter("u1", "a1"), 3, T0)));

        Assert.Equal(("persona", 3, (Guid?)null), (removed.AdapterName, removed.ObjectsDeleted, removed.CancelledJobId));
        Assert.Throws<RequestRejectedException>(() => AdapterDecisions.Decide(new AvatarAdapter(), new DeleteAdapter("u1", "a1"), 0, T0));
    }
}
