using System.Net.Http.Json;
using System.Text.Json;

namespace AdapterPipeline.InferenceWorker.Tests.Api;

/// <summary>
/// A system prompt stored through the API leads every chat with the avatar: the rendered conversation is exactly the
/// base model's rendering of the persona followed by the caller's messages, so its prompt token count is the same.
/// </summary>
public sealed class When_an_avatar_has_a_system_prompt(InferenceSystem system) : IClassFixture<InferenceSystem>
{
    private const string Persona = "You are Ada, a patient tutor.";

    [Fact]
    public async Task Should_render_the_persona_first_in_chats_and_leave_text_completions_alone()
    {
        using var adapter = system.RandomAdapter(seed: 11);
        await system.StoreAdapterAsync("ada", "tutor", 1, adapter);
        using var user = system.Ingress.CreateClientWith(await system.UserKeyAsync("ada"));
        var hello = new[] { Message("user", "Hello") };
        var withoutPersona = await PromptTokensAsync(user, "/v1/chat/completions", Chat("ada/tutor", hello));
        var plainText = await PromptTokensAsync(user, "/v1/completions", new { model = "ada/tutor", prompt = "Once upon", max_tokens = 1 });

        using var put = await user.PutAsJsonAsync("/avatars/ada/tutor/system-prompt", new { system_prompt = Persona });
        put.EnsureSuccessStatusCode();

        var avatar = await PromptTokensAsync(user, "/v1/chat/completions", Chat("ada/tutor", hello));
        var baseWithPersona = await PromptTokensAsync(user, "/v1/chat/completions", Chat(InferenceSystem.Base, [Message("system", Persona), .. hello]));
        var avatarWithCallerSystem = await PromptTokensAsync(user, "/v1/chat/completions", Chat("ada/tutor", [Message("system", "Be terse."), .. hello]));
        var baseWithBoth = await PromptTokensAsync(user, "/v1/chat/completions",
            Chat(InferenceSystem.Base, [Message("system", Persona + "\n\nBe terse."), .. hello]));
        var textWithPersonaSet = await PromptTokensAsync(user, "/v1/completions", new { model = "ada/tutor", prompt = "Once upon", max_tokens = 1 });

        Assert.True(avatar > withoutPersona, $"{avatar} prompt tokens with the persona, {withoutPersona} without");
        Assert.Equal(baseWithPersona, avatar);
        Assert.Equal(baseWithBoth, avatarWithCallerSystem);
        Assert.Equal(plainText, textWithPersonaSet);

        using var deleted = await user.DeleteAsync("/avatars/ada/tutor/system-prompt");
        deleted.EnsureSuccessStatusCode();
        Assert.Equal(withoutPersona, await PromptTokensAsync(user, "/v1/chat/completions", Chat("ada/tutor", hello)));
    }

    private static object Message(string role, string content) => new { role, content };

    private static object Chat(string model, object[] messages) => new { model, messages, max_tokens = 1, temperature = 0 };

    private static async Task<int> PromptTokensAsync(HttpClient client, string path, object body)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("usage").GetProperty("prompt_tokens").GetInt32();
    }
}
