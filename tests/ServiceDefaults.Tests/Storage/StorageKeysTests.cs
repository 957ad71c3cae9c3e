using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage;

public sealed class StorageKeysTests
{
    private static readonly Guid JobId = Guid.Parse("0b7c52f4-58a1-4f55-9a43-2b1f5b8e7c11");

    [Fact]
    public void Should_follow_the_seed_layout()
    {
        Assert.Equal("users/u1/avatars/a1/adapters/training_data/notes.txt", StorageKeys.TrainingFile("u1", "a1", "notes.txt"));
        Assert.Equal("users/u1/avatars/a1/adapters/metadata/metadata.json", StorageKeys.Metadata("u1", "a1"));
        Assert.Equal("users/u1/avatars/a1/adapters/persona/v3.zip", StorageKeys.AdapterVersion("u1", "a1", "persona", 3));
        Assert.Equal("models/tiny-llama/", StorageKeys.ModelPrefix("tiny-llama"));
    }

    [Fact]
    public void Should_nest_every_avatar_folder_under_the_avatar()
    {
        Assert.Equal("users/u1/avatars/a1/", StorageKeys.Avatar("u1", "a1"));
        Assert.Equal("users/u1/avatars/a1/adapters/", StorageKeys.Adapters("u1", "a1"));
        Assert.Equal("users/u1/avatars/a1/adapters/training_data/", StorageKeys.TrainingDataPrefix("u1", "a1"));
        Assert.Equal("users/u1/avatars/a1/adapters/persona/", StorageKeys.AdapterPrefix("u1", "a1", "persona"));
        Assert.Equal("users/u1/avatars/a1/adapters/persona/current.json", StorageKeys.AdapterPointer("u1", "a1", "persona"));
    }

    [Fact]
    public void Should_keep_uploads_and_job_files_in_the_avatars_staging_area()
    {
        Assert.Equal("users/u1/avatars/a1/staging/", StorageKeys.StagingPrefix("u1", "a1"));
        Assert.Equal("users/u1/avatars/a1/staging/4f6c0e2d9a8b4c7e", StorageKeys.StagedUpload("u1", "a1", "4f6c0e2d9a8b4c7e"));
        Assert.Equal("users/u1/avatars/a1/staging/jobs/0b7c52f458a14f559a432b1f5b8e7c11/", StorageKeys.JobStaging("u1", "a1", JobId));
    }

    [Fact]
    public void Should_build_every_folder_as_a_folder()
    {
        string[] folders =
        [
            StorageKeys.Avatar("u1", "a1"), StorageKeys.Adapters("u1", "a1"), StorageKeys.TrainingDataPrefix("u1", "a1"),
            StorageKeys.AdapterPrefix("u1", "a1", "persona"), StorageKeys.StagingPrefix("u1", "a1"), StorageKeys.JobStaging("u1", "a1", JobId),
            StorageKeys.ModelPrefix("tiny-llama"),
        ];

        Assert.All(folders, f => Assert.Equal(f, StorageKeys.Folder(f)));
    }

    [Fact]
    public void Should_refuse_a_prefix_that_would_also_match_its_siblings()
    {
        // "jobs/1" is a prefix of "jobs/10/…": deleting it would take the sibling job's files.
        var error = Assert.Throws<ArgumentException>(() => StorageKeys.Folder("users/u1/avatars/a1/staging/jobs/1"));

        Assert.Contains("must end with '/'", error.Message);
        Assert.False("users/u1/avatars/a1/staging/jobs/10/x".StartsWith(StorageKeys.Folder("users/u1/avatars/a1/staging/jobs/1/"), StringComparison.Ordinal));
    }

    [Fact]
    public void Should_accept_the_empty_prefix_as_the_whole_bucket() => Assert.Equal("", StorageKeys.Folder(""));
}
