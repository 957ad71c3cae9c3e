using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Contracts.Usage;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.Usage;

namespace AdapterPipeline.MetadataService.Tests.Usage;

public sealed class When_quotas_are_decided
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly QuotaOptions Small = new()
    {
        ConcurrentJobsPerUser = 1, TrainingBytesPerAvatar = 100, TrainingBytesPerUser = 150, FilesPerAvatar = 2, AvatarsPerUser = 2,
    };

    private static AvatarUsage Avatar(bool hasAdapter = false, bool jobRunning = false, params (string Name, long Size)[] files) =>
        new(files.ToDictionary(f => f.Name, f => f.Size), hasAdapter, jobRunning);

    private static UserUsageSnapshot Usage(params (string AvatarId, AvatarUsage Usage)[] avatars) =>
        new("u1", avatars.ToDictionary(a => a.AvatarId, a => a.Usage));

    private static TrainingFileDetails File(string name, long size) => new(name, size, "aa", "text/plain", true, T0);

    private static QuotaExceeded Refused(Action check)
    {
        var refusal = Assert.Throws<RequestRejectedException>(check);
        Assert.Equal(RejectionReasons.QuotaExceeded, refusal.Reason);
        Assert.Contains("quota", refusal.Errors.Keys);
        return refusal.Quota!;
    }

    [Fact]
    public void Should_refuse_a_file_over_the_files_per_avatar_quota_but_allow_a_replacement()
    {
        var usage = Usage(("a1", Avatar(files: [("x.txt", 10), ("y.txt", 10)])));

        var refused = Refused(() => QuotaRules.CheckFiles(usage, "a1", [File("z.txt", 1)], Small));
        QuotaRules.CheckFiles(usage, "a1", [File("x.txt", 20)], Small);

        Assert.Equal(new QuotaExceeded(Quotas.FilesPerAvatar, 2, 2), refused);
    }

    [Fact]
    public void Should_refuse_bytes_over_the_avatar_and_the_user_quota()
    {
        var usage = Usage(("a1", Avatar(files: [("x.txt", 60)])), ("a2", Avatar(files: [("x.txt", 80)])));

        var perAvatar = Refused(() => QuotaRules.CheckFiles(usage, "a1", [File("y.txt", 41)], Small));
        var perUser = Refused(() => QuotaRules.CheckFiles(usage, "a1", [File("y.txt", 11)], Small));
        QuotaRules.CheckFiles(usage, "a1", [File("y.txt", 10)], Small);
        QuotaRules.CheckFiles(usage, "a2", [File("x.txt", 90)], Small);

        Assert.Equal(new QuotaExceeded(Quotas.TrainingBytesPerAvatar, 100, 60), perAvatar);
        Assert.Equal(new QuotaExceeded(Quotas.TrainingBytesPerUser, 150, 140), perUser);
    }

    [Fact]
    public void Should_allow_a_replacement_that_shrinks_an_avatar_already_over_a_lowered_limit()
    {
        var usage = Usage(("a1", Avatar(files: [("x.txt", 500)])));

        QuotaRules.CheckFiles(usage, "a1", [File("x.txt", 400)], Small);
    }

    [Fact]
    public void Should_refuse_a_new_avatar_over_the_avatars_quota_for_files_and_for_jobs()
    {
        var usage = Usage(("a1", Avatar(hasAdapter: true)), ("a2", Avatar(files: [("x.txt", 1)])), ("gone", Avatar()));

        var byFiles = Refused(() => QuotaRules.CheckFiles(usage, "a3", [File("x.txt", 1)], Small));
        var byJob = Refused(() => QuotaRules.CheckJob(usage, "a3", Small));
        QuotaRules.CheckFiles(usage, "a2", [File("y.txt", 1)], Small);
        QuotaRules.CheckJob(usage, "a1", Small);

        Assert.Equal(new QuotaExceeded(Quotas.AvatarsPerUser, 2, 2), byFiles);
        Assert.Equal(new QuotaExceeded(Quotas.AvatarsPerUser, 2, 2), byJob);
    }

    [Fact]
    public void Should_refuse_a_job_over_the_concurrent_jobs_quota()
    {
        var usage = Usage(("a1", Avatar(jobRunning: true)), ("a2", Avatar(hasAdapter: true)));

        var refused = Refused(() => QuotaRules.CheckJob(usage, "a2", Small));

        Assert.Equal(new QuotaExceeded(Quotas.ConcurrentJobsPerUser, 1, 1), refused);
    }

    [Fact]
    public void Should_report_every_quota_with_per_avatar_ones_for_avatars_in_use()
    {
        var usage = Usage(("a1", Avatar(jobRunning: true, files: [("x.txt", 60)])), ("gone", Avatar()));

        var report = usage.Report(Small);

        Assert.Equal(new QuotaUsage[]
        {
            new QuotaUsage(Quotas.ConcurrentJobsPerUser, 1, 1),
            new QuotaUsage(Quotas.AvatarsPerUser, 2, 1),
            new QuotaUsage(Quotas.TrainingBytesPerUser, 150, 60),
            new QuotaUsage(Quotas.FilesPerAvatar, 2, 1, "a1"),
            new QuotaUsage(Quotas.TrainingBytesPerAvatar, 100, 60, "a1"),
        }, report.Quotas);
    }
}
