using AdapterPipeline.Contracts.TrainingData;
using AdapterPipeline.MetadataService.TrainingData;

namespace AdapterPipeline.MetadataService.Tests.TrainingData;

public sealed class When_a_file_is_flagged_for_evaluation
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static TrainingFileUploaded Uploaded(string name, bool flag) => new("u1", "a1", name, 10, "aa", "text/plain", flag, T0);

    private static readonly AvatarTrainingData State = new AvatarTrainingData()
        .Apply(Uploaded("train.jsonl", true)).Apply(Uploaded("held-out.jsonl", false)).Apply(Uploaded("notes.txt", false))
        .Apply(new EvalFlagChanged("held-out.jsonl", true, T0));

    [Fact]
    public void Should_change_the_eval_flag_only_when_it_differs()
    {
        Assert.Empty(TrainingDataDecisions.Decide(State, new SetEvalFlag("u1", "a1", "held-out.jsonl", true), T0));
        var changed = Assert.IsType<EvalFlagChanged>(Assert.Single(TrainingDataDecisions.Decide(State, new SetEvalFlag("u1", "a1", "train.jsonl", true), T0)));
        Assert.Equal(("train.jsonl", true), (changed.FileName, changed.UseForEval));
    }

    [Fact]
    public void Should_give_a_run_the_eval_files_marked_beside_the_training_files()
    {
        var files = AvatarTrainingData.ForTraining(State, "u1", "a1");

        Assert.Equal([("held-out.jsonl", true), ("train.jsonl", false)], files.Select(f => (f.FileName, f.UseForEval)));
    }

    [Fact]
    public void Should_leave_the_training_flags_of_metadata_json_unchanged()
    {
        Assert.Equal(new Dictionary<string, bool> { ["held-out.jsonl"] = false, ["notes.txt"] = false, ["train.jsonl"] = true },
            MetadataJson.From(State));
        Assert.True(State.Find("held-out.jsonl")!.UseForEval);
    }

    [Fact]
    public void Should_keep_the_eval_flag_when_the_content_is_replaced()
    {
        var state = State.Apply(new TrainingFileReplaced("u1", "a1", "held-out.jsonl", 20, "bb", "text/plain", false, T0.AddHours(1)));

        Assert.True(state.Find("held-out.jsonl")!.UseForEval);
    }

    [Fact]
    public void Should_not_remove_an_eval_file_with_the_non_training_files()
    {
        var removed = TrainingDataDecisions.Decide(State, new RemoveNonTrainingFiles("u1", "a1"), T0);

        Assert.Equal(["notes.txt"], removed.Cast<TrainingFileDeleted>().Select(e => e.FileName));
    }
}
