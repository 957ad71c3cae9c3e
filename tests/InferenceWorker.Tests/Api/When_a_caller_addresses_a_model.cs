using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace AdapterPipeline.InferenceWorker.Tests.Api;

public sealed class When_a_caller_addresses_a_model(InferenceSystem system) : IClassFixture<InferenceSystem>
{
    [Fact]
    public async Task Should_not_let_a_user_key_address_another_users_avatar()
    {
        using var adapter = system.RandomAdapter(seed: 5);
        await system.StoreAdapterAsync("victor", "private", 1, adapter);
        using var mallory = system.Ingress.CreateClientWith(await system.UserKeyAsync("mallory"));
        using var victor = system.Ingress.CreateClientWith(await system.UserKeyAsync("victor"));

        using var foreign = await mallory.PostAsJsonAsync("/v1/chat/completions", Chat("victor/private"));
        using var unknown = await mallory.PostAsJsonAsync("/v1/chat/completions", Chat("mallory/nobody"));
        using var own = await victor.PostAsJsonAsync("/v1/chat/completions", Chat("victor/private"));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var (foreignError, unknownError) = (await ErrorOf(foreign), await ErrorOf(unknown));
        Assert.Equal("model_not_found", foreignError.GetProperty("code").GetString());
        Assert.Equal("model", foreignError.GetProperty("param").GetString());
        Assert.Equal(unknownError.GetProperty("code").GetString(), foreignError.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }

    [Fact]
    public async Task Should_answer_a_missing_or_unknown_key_in_openai_shape()
    {
        using var anonymous = system.Ingress.CreateClientWith(null);
        using var unknownKey = system.Ingress.CreateClientWith("ap_live_0000000000_not-a-key");

        using var missing = await anonymous.PostAsJsonAsync("/v1/chat/completions", Chat(InferenceSystem.Base));
        using var unknown = await unknownKey.PostAsJsonAsync("/v1/chat/completions", Chat(InferenceSystem.Base));

        foreach (var response in new[] { missing, unknown })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
            Assert.Equal("invalid_api_key", (await ErrorOf(response)).GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task Should_let_a_read_only_key_chat_with_its_own_avatar()
    {
        using var adapter = system.RandomAdapter(seed: 9);
        await system.StoreAdapterAsync("reader", "persona", 1, adapter);
        using var created = await system.Http.PostAsJsonAsync("/admin/api-keys", new { user_id = "reader", read_only = true });
        created.EnsureSuccessStatusCode();
        using var key = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        using var reader = system.Ingress.CreateClientWith(key.RootElement.GetProperty("api_key").GetString());

        using var chat = await reader.PostAsJsonAsync("/v1/chat/completions", Chat("reader/persona"));
        using var change = await reader.DeleteAsync("/adapters/reader/persona");

        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }

    [Theory]
    [InlineData("""{"model":"tiny-llama","messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""", "temperature")]
    [InlineData("""{"model":"tiny-llama","messages":[{"role":"user","content":"hi"}],"max_tokens":100000}""", "max_tokens")]
    [InlineData("""{"model":"tiny-llama","messages":[{"role":"user","content":"hi"}],"n":2}""", "n")]
    [InlineData("""{"model":"tiny-llama","messages":[{"role":"pirate","content":"hi"}]}""", "messages[0].role")]
    [InlineData("""{"model":"tiny-llama","messages":[]}""", "messages")]
    [InlineData("""{"messages":[{"role":"user","content":"hi"}]}""", "model")]
    [InlineData("""{"model":"tiny-llama","messages":[{"role":"user","content":"hi"}],"stop":7}""", "stop")]
    public async Task Should_refuse_a_bad_field_naming_it(string body, string param)
    {
        using var response = await system.Http.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorOf(response);
        Assert.Equal(param, error.GetProperty("param").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Should_stream_a_text_completion_ending_with_done()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/completions")
        {
            Content = JsonContent.Create(new { model = "tiny-llama", prompt = "Once upon", max_tokens = 6, temperature = 0, stream = true,
                stream_options = new { include_usage = true } }),
        };
        using var response = await system.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("data: [DONE]", events[^1]);
        using var usage = JsonDocument.Parse(events[^2]["data: ".Length..]);
        Assert.True(usage.RootElement.GetProperty("usage").GetProperty("completion_tokens").GetInt32() > 0);
        Assert.Equal(0, usage.RootElement.GetProperty("choices").GetArrayLength());
    }

    [Fact]
    public async Task Should_list_the_base_models()
    {
        using var json = JsonDocument.Parse(await system.Http.GetStringAsync("/v1/models"));

        Assert.Contains(json.RootElement.GetProperty("data").EnumerateArray(), m => m.GetProperty("id").GetString() == InferenceSystem.Base);
    }

    private static object Chat(string model) =>
        new { model, messages = new[] { new { role = "user", content = "hi" } }, max_tokens = 4, temperature = 0 };

    private static async Task<JsonElement> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").Clone();
}
