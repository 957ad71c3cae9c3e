using AdapterPipeline.Contracts.Requests;
using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.Messaging;
using AdapterPipeline.MetadataService.TrainingData;

namespace AdapterPipeline.MetadataService.Tests.TrainingData;

public sealed class When_training_data_changes_are_decided
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly AvatarTrainingData WithA = new AvatarTrainingData()
        .Apply(new TrainingFileUploaded("u1", "a1", "a.txt", 10, "aa", "text/plain", true, T0))
        .Apply(new TrainingFileUploaded("u1", "a1", "b.txt", 10, "bb", "text/plain", false, T0));

    private static TrainingFileDetails File(string name) => new(name, 20, "cc", "text/plain", true, T0.AddHours(1));

    [Fact]
    public void Should_upload_a_new_name_and_replace_a_recorded_one()
    {
        var events = TrainingDataDecisions.Decide(WithA, new RecordFiles("u1", "a1", [File("a.txt"), File("new.txt")]));

        Assert.Collection(events,
            e => Assert.Equal("a.txt", Assert.IsType<TrainingFileReplaced>(e).FileName),
            e => Assert.Equal("new.txt", Assert.IsType<TrainingFileUploaded>(e).FileName));
    }

    [Fact]
    public void Should_record_a_presigned_upload_once_even_after_its_file_is_removed()
    {
        var uploads = new Dictionary<string, string> { ["new.txt"] = "up1" };
        var confirmed = TrainingDataDecisions.Decide(WithA, new RecordFiles("u1", "a1", [File("new.txt")], uploads))
            .Aggregate(WithA, (state, e) => state.Apply(Assert.IsType<TrainingFileUploaded>(e)))
            .Apply(new TrainingFileDeleted("new.txt", T0.AddHours(2)));

        var again = Assert.Throws<RequestRejectedException>(() => TrainingDataDecisions.Decide(confirmed, new RecordFiles("u1", "a1", [File("new.txt")], uploads)));

        Assert.Equal((RejectionReasons.Conflict, "upload_id"), (again.Reason, Assert.Single(again.Errors.Keys)));
        Assert.Single(TrainingDataDecisions.Decide(confirmed, new RecordFiles("u1", "a1", [File("new.txt")], new Dictionary<string, string> { ["new.txt"] = "up2" })));
    }

    [Fact]
    public void Should_change_a_flag_only_when_it_differs()
    {
        Assert.Empty(TrainingDataDecisions.Decide(WithA, new SetTrainingFlag("u1", "a1", "a.txt", true), T0));

        var changed = Assert.IsType<TrainingFlagChanged>(Assert.Single(TrainingDataDecisions.Decide(WithA, new SetTrainingFlag("u1", "a1", "a.txt", false), T0)));
        Assert.Equal(("a.txt", false, T0), (changed.FileName, changed.UseForTraining, changed.ChangedAt));
    }

    [Fact]
    public void Should_refuse_to_flag_or_remove_an_unknown_file()
    {
        var flag = Assert.Throws<RequestRejectedException>(() => TrainingDataDecisions.Decide(WithA, new SetTrainingFlag("u1", "a1", "x.txt", true), T0));
        var remove = Assert.Throws<RequestRejectedException>(() => TrainingDataDecisions.Decide(WithA, new RemoveTrainingFile("u1", "a1", "x.txt"), T0));

        Assert.All([flag, remove], r => Assert.Equal((RejectionReasons.NotFound, "file_name"), (r.Reason, Assert.Single(r.Errors.Keys))));
    }

    [Fact]
    public void Should_remove_only_the_files_not_flagged_for_training()
    {
        var events = TrainingDataDecisions.Decide(WithA, new RemoveNonTrainingFiles("u1", "a1"), T0);

        Assert.Equal("b.txt", Assert.IsType<TrainingFileDeleted>(Assert.Single(events)).FileName);
    }
}
