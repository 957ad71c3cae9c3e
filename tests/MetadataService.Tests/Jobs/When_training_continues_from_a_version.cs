using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.MetadataService.Adapters;
using AdapterPipeline.MetadataService.Jobs;

namespace AdapterPipeline.MetadataService.Tests.Jobs;

public class When_training_continues_from_a_version
{
    private static readonly AvatarAdapter Adapter = new()
    {
        CurrentVersion = 2,
        Versions = [new AdapterVersionInfo(2, true, "tiny-qwen2", "users/u/avatars/a/adapters/default/v2.zip", new string('a', 64), 10, Guid.NewGuid(), null, DateTimeOffset.UtcNow)],
    };

    private static readonly TrainingHyperparameters Version2 = new(LoraR: 16, TargetModules: ["q_proj", "k_proj", "v_proj"]);

    [Fact]
    public void Should_take_base_model_rank_and_targets_left_out_from_the_version()
    {
        var (settings, errors) = InitFromVersion.Apply(new TrainingHyperparameters(NumEpochs: 2, InitFromVersion: 2), Adapter, Version2);

        Assert.Empty(errors);
        Assert.Equal("tiny-qwen2", settings.BaseModel);
        Assert.Equal(16, settings.LoraR);
        Assert.Equal(["q_proj", "k_proj", "v_proj"], settings.TargetModules);
        Assert.Equal(2, settings.NumEpochs);
    }

    [Fact]
    public void Should_accept_the_same_settings_given_again_in_any_order()
    {
        var (_, errors) = InitFromVersion.Apply(
            new TrainingHyperparameters(BaseModel: "tiny-qwen2", LoraR: 16, TargetModules: ["v_proj", "q_proj", "k_proj"], InitFromVersion: 2), Adapter, Version2);

        Assert.Empty(errors);
    }

    [Fact]
    public void Should_refuse_another_base_model_rank_or_targets_naming_each()
    {
        var (_, errors) = InitFromVersion.Apply(
            new TrainingHyperparameters(BaseModel: "tiny-llama", LoraR: 8, TargetModules: ["q_proj"], InitFromVersion: 2), Adapter, Version2);

        var error = Assert.Single(errors);
        Assert.Contains("base model 'tiny-qwen2', not 'tiny-llama'", error);
        Assert.Contains("lora_r 16, not 8", error);
        Assert.Contains("target_modules [q_proj, k_proj, v_proj], not [q_proj]", error);
    }

    [Fact]
    public void Should_refuse_a_version_the_avatar_does_not_have()
    {
        Assert.Equal(["version 3 does not exist for this avatar"], InitFromVersion.Apply(new TrainingHyperparameters(InitFromVersion: 3), Adapter, null).Errors);
        Assert.Equal(["version 1 does not exist for this avatar"], InitFromVersion.Apply(new TrainingHyperparameters(InitFromVersion: 1), null, null).Errors);
    }

    [Fact]
    public void Should_change_nothing_without_init_from_version()
    {
        var requested = new TrainingHyperparameters(LoraR: 4);
        Assert.Same(requested, InitFromVersion.Apply(requested, Adapter, Version2).Settings);
    }
}
