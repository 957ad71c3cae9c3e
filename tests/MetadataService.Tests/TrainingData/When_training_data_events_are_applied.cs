using AdapterPipeline.MetadataService.TrainingData;

namespace AdapterPipeline.MetadataService.Tests.TrainingData;

public sealed class When_training_data_events_are_applied
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TrainingFileUploaded Uploaded(string name, bool flag = true, string sha = "aa") =>
        new("u1", "a1", name, 10, sha, "text/plain", flag, T0);

    [Fact]
    public void Should_add_an_uploaded_file()
    {
        var state = new AvatarTrainingData().Apply(Uploaded("a.txt"));

        var file = state.Find("a.txt")!;
        Assert.Equal((10L, "aa", "text/plain", true, T0), (file.SizeBytes, file.Sha256, file.ContentType, file.UseForTraining, file.UploadedAt));
    }

    [Fact]
    public void Should_replace_a_file_under_the_same_name()
    {
        var state = new AvatarTrainingData()
            .Apply(Uploaded("a.txt"))
            .Apply(new TrainingFileReplaced("u1", "a1", "a.txt", 20, "bb", "text/plain", false, T0.AddHours(1)));

        var file = Assert.Single(state.Files.Values);
        Assert.Equal((20L, "bb", false), (file.SizeBytes, file.Sha256, file.UseForTraining));
    }

    [Fact]
    public void Should_change_only_the_named_files_flag()
    {
        var state = new AvatarTrainingData().Apply(Uploaded("a.txt")).Apply(Uploaded("b.txt"))
            .Apply(new TrainingFlagChanged("a.txt", false, T0));

        Assert.False(state.Find("a.txt")!.UseForTraining);
        Assert.True(state.Find("b.txt")!.UseForTraining);
    }

    [Fact]
    public void Should_ignore_a_flag_change_for_an_unknown_file()
    {
        var before = new AvatarTrainingData().Apply(Uploaded("a.txt"));

        Assert.Same(before, before.Apply(new TrainingFlagChanged("zzz.txt", false, T0)));
    }

    [Fact]
    public void Should_forget_a_deleted_file()
    {
        var state = new AvatarTrainingData().Apply(Uploaded("a.txt")).Apply(new TrainingFileDeleted("a.txt", T0));

        Assert.Null(state.Find("a.txt"));
        Assert.Empty(state.Files);
    }

    [Fact]
    public void Should_not_change_the_state_it_was_applied_to()
    {
        var before = new AvatarTrainingData().Apply(Uploaded("a.txt"));

        before.Apply(new TrainingFileDeleted("a.txt", T0));

        Assert.NotNull(before.Find("a.txt"));
    }

    [Fact]
    public void Should_order_files_by_ordinal_name()
    {
        var state = new AvatarTrainingData().Apply(Uploaded("b.txt")).Apply(Uploaded("B.txt")).Apply(Uploaded("a.txt"));

        Assert.Equal(["B.txt", "a.txt", "b.txt"], state.Ordered().Select(f => f.FileName));
    }

    [Fact]
    public void Should_give_metadata_json_as_name_to_flag()
    {
        var state = new AvatarTrainingData().Apply(Uploaded("a.txt")).Apply(Uploaded("b.txt", flag: false));

        Assert.Equal(new Dictionary<string, bool> { ["a.txt"] = true, ["b.txt"] = false }, MetadataJson.From(state));
        Assert.Empty(MetadataJson.From(null));
    }
}
