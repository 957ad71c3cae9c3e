using AdapterPipeline.Contracts.Adapters;
using AdapterPipeline.Contracts.Training;
using MassTransit;

namespace AdapterPipeline.TrainingWorker.Tests.Jobs;

public sealed class When_training_settings_are_validated(TrainingWorkerFixture fixture) : IClassFixture<TrainingWorkerFixture>
{
    private async Task<TrainingSettingsValidated> ValidateAsync(TrainingHyperparameters hyperparameters)
    {
        var client = fixture.Bus.CreateRequestClient<ValidateTrainingSettings>(RequestTimeout.After(s: 20));
        var response = await client.GetResponse<TrainingSettingsValidated>(new ValidateTrainingSettings(hyperparameters));
        return response.Message;
    }

    [Fact]
    public async Task Should_answer_an_unknown_base_model_keyed_base_model()
    {
        var validated = await ValidateAsync(new TrainingHyperparameters(BaseModel: "nope"));

        Assert.Equal(["base_model"], validated.Errors.Keys);
        Assert.NotEmpty(validated.Errors["base_model"]);
    }

    [Fact]
    public async Task Should_answer_a_module_the_architecture_lacks_keyed_target_modules()
    {
        var validated = await ValidateAsync(new TrainingHyperparameters(BaseModel: "tiny-gpt2", TargetModules: ["q_proj"]));

        Assert.Equal(["target_modules"], validated.Errors.Keys);
    }

    [Fact]
    public async Task Should_answer_no_errors_for_the_defaults()
    {
        var validated = await ValidateAsync(new TrainingHyperparameters());

        Assert.Empty(validated.Errors);
    }
}
