using System.Diagnostics;
using AdapterPipeline.Contracts.Packaging;

namespace AdapterPipeline.PackagingWorker.Tests.Packaging;

public sealed class When_storage_stays_unavailable(When_storage_stays_unavailable.Run run) : IClassFixture<When_storage_stays_unavailable.Run>
{
    /// <summary>The worker's S3 endpoint is a closed port; the test's own client still reaches the broker.</summary>
    public sealed class Run : PackagingWorkerSystem
    {
        protected override IReadOnlyDictionary<string, string?> WorkerSettings => new Dictionary<string, string?>
        {
            ["S3:ServiceUrl"] = "http://127.0.0.1:9",
            ["Packaging:RetryLimit"] = "3",
            ["Packaging:RetryMaxInterval"] = "00:00:02",
        };

        public PackageAdapter Job { get; } = NewJob();
        public PackagingFailed Failed { get; private set; } = null!;
        public TimeSpan Elapsed { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var started = Stopwatch.StartNew();
            await PublishAsync(Job);
            Failed = (await Outcomes.WaitForAsync<PackagingFailed>(Job.JobId, timeoutSeconds: 180))[0];
            Elapsed = started.Elapsed;
        }
    }

    [Fact]
    public void Should_retry_on_the_endpoint_before_failing() =>
        // Three retries, each after at least the first interval of a second.
        Assert.True(run.Elapsed >= TimeSpan.FromSeconds(3), $"failed after {run.Elapsed}");

    [Fact]
    public void Should_fail_the_job_naming_only_the_error_types()
    {
        Assert.StartsWith("Packaging failed after retries (", run.Failed.Error);
        Assert.EndsWith("); the staged files are kept.", run.Failed.Error);
        Assert.DoesNotContain(run.Job.UserId, run.Failed.Error);
        Assert.DoesNotContain("127.0.0.1", run.Failed.Error);
    }

    [Fact]
    public void Should_not_report_the_adapter_packaged() =>
        Assert.Empty(run.Outcomes.For(run.Job.JobId).OfType<AdapterPackaged>());
}
