using System.Net.Http.Json;
using System.Text.Json;
using AdapterPipeline.ChatTemplates;
using AdapterPipeline.LanguageModels.Generation;
using AdapterPipeline.LanguageModels.Models;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.InferenceWorker.Tests.Serving;

public sealed class When_an_avatar_is_served(InferenceSystem system) : IClassFixture<InferenceSystem>
{
    private const int NewTokens = 12;
    private static readonly ChatTurn[] Conversation = [new(ChatTurn.System, "Be brief."), new(ChatTurn.User, "Hello there")];

    [Fact]
    public async Task Should_answer_with_an_untrained_adapter_exactly_as_the_base_model()
    {
        using var untrained = LoraAdapter.CreateUntrained(system.Model.Model, new LoraSettings(4, 8, 0, ["q_proj", "v_proj"]));
        await system.StoreAdapterAsync("ursula", "untrained", 1, untrained);

        var withAdapter = await ChatAsync("ursula/untrained");
        var baseOnly = await ChatAsync(InferenceSystem.Base);

        Assert.Equal(ReplyOf(baseOnly), ReplyOf(withAdapter));
        Assert.True(withAdapter.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task Should_answer_with_a_trained_adapter_what_the_trainer_decodes_greedily()
    {
        using var trained = system.RandomAdapter(seed: 7);
        await system.StoreAdapterAsync("tess", "trained", 3, trained);
        var formatter = ModelTemplateFormatter.For(system.Model.Directory);
        var prompt = system.Model.Tokenizer.Encode(formatter.Render(Conversation, addGenerationPrompt: true));
        var expected = system.Model.Tokenizer.Decode(
            Decoding.Continue(system.Model.Model, trained, prompt, NewTokens, system.Model.Tokenizer.EndOfSequenceId));
        var baseReply = system.Model.Tokenizer.Decode(
            Decoding.Continue(system.Model.Model, null, prompt, NewTokens, system.Model.Tokenizer.EndOfSequenceId));

        var served = await ChatAsync("tess/trained");
        var pinned = await ChatAsync("tess/trained@v3");

        Assert.NotEqual(baseReply, expected);
        Assert.Equal(expected, ReplyOf(served));
        Assert.Equal(expected, ReplyOf(pinned));
    }

    [Fact]
    public async Task Should_give_the_same_text_for_the_same_seed()
    {
        using var trained = system.RandomAdapter(seed: 11);
        await system.StoreAdapterAsync("sam", "seeded", 1, trained);

        var first = await ChatAsync("sam/seeded", temperature: 0.9, seed: 42);
        var second = await ChatAsync("sam/seeded", temperature: 0.9, seed: 42);

        Assert.Equal(ReplyOf(first), ReplyOf(second));
    }

    [Fact]
    public async Task Should_answer_404_for_a_version_that_is_not_stored()
    {
        using var response = await system.Http.PostAsJsonAsync("/v1/chat/completions",
            new { model = "nobody/nothing@v9", messages = new[] { new { role = "user", content = "hi" } } });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("model_not_found", json.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private async Task<JsonElement> ChatAsync(string model, double temperature = 0, long seed = 0)
    {
        var messages = Conversation.Select(t => new { role = t.Role, content = t.Content });
        using var response = await system.Http.PostAsJsonAsync("/v1/chat/completions",
            new { model, messages, max_tokens = NewTokens, temperature, seed });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string ReplyOf(JsonElement completion) =>
        completion.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
}
