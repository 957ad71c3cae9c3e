using AdapterPipeline.MetadataService.Staging;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.MetadataService.Tests.Staging;

public sealed class When_staged_uploads_are_swept
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Age = TimeSpan.FromHours(2);
    private static readonly Guid Job = Guid.Parse("0f8e5a0c-2f3a-4a56-9c1e-8b7d6a5f4e3d");

    private static ListedObject Aged(string key, TimeSpan age) => new(key, Now - age);

    [Fact]
    public void Should_choose_only_staged_uploads_at_least_the_age_old()
    {
        var listing = new[]
        {
            Aged(StorageKeys.StagedUpload("u1", "a1", "old"), Age),
            Aged(StorageKeys.StagedUpload("u1", "a1", "older"), TimeSpan.FromDays(30)),
            Aged(StorageKeys.StagedUpload("u1", "a1", "young"), Age - TimeSpan.FromSeconds(1)),
        };

        Assert.Equal([listing[0].Key, listing[1].Key], StagingSweepRules.Abandoned(listing, Now, Age));
    }

    [Fact]
    public void Should_never_choose_a_jobs_staging_or_anything_outside_staging()
    {
        var old = TimeSpan.FromDays(365);
        var listing = new[]
        {
            Aged(StorageKeys.JobStaging("u1", "a1", Job) + "adapter_model.safetensors", old),
            Aged(StorageKeys.JobCheckpoint("u1", "a1", Job), old),
            Aged(StorageKeys.StagingPrefix("u1", "a1") + "jobs", old),
            Aged(StorageKeys.TrainingFile("u1", "a1", "a.txt"), old),
            Aged(StorageKeys.Metadata("u1", "a1"), old),
            Aged(StorageKeys.AdapterVersion("u1", "a1", "main", 1), old),
            Aged(StorageKeys.ModelPrefix("base") + "staging", old),
            Aged("users/u1/staging/x", old),
        };

        Assert.Empty(StagingSweepRules.Abandoned(listing, Now, Age));
    }
}
