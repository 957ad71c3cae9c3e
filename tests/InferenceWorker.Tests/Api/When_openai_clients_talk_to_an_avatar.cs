using System.ClientModel;
using System.Text;
using Microsoft.Extensions.AI;
using ChatMessage = OpenAI.Chat.ChatMessage;
using ChatFinishReason = OpenAI.Chat.ChatFinishReason;
using OpenAI;
using OpenAI.Chat;

namespace AdapterPipeline.InferenceWorker.Tests.Api;

/// <summary>The official OpenAI .NET SDK and Microsoft.Extensions.AI, unchanged, against the Ingress over real HTTP.</summary>
public sealed class When_openai_clients_talk_to_an_avatar(InferenceSystem system) : IClassFixture<InferenceSystem>
{
    private const string Avatar = "olivia/persona";

    [Fact]
    public async Task Should_answer_the_openai_sdk_alike_streamed_and_not()
    {
        var client = await ClientAsync();
        var options = new ChatCompletionOptions { Temperature = 0, MaxOutputTokenCount = 10 };
        ChatMessage[] messages = [new SystemChatMessage("Be brief."), new UserChatMessage("Hello")];

        ChatCompletion whole = await client.CompleteChatAsync(messages, options);
        var streamed = new StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.CompleteChatStreamingAsync(messages, options))
        {
            foreach (var part in update.ContentUpdate)
            {
                streamed.Append(part.Text);
            }
            finish ??= update.FinishReason;
        }

        Assert.Equal(ChatMessageRole.Assistant, whole.Role);
        Assert.False(string.IsNullOrEmpty(whole.Content[0].Text));
        Assert.Equal(whole.Content[0].Text, streamed.ToString());
        Assert.NotNull(finish);
        Assert.True(whole.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task Should_answer_microsoft_extensions_ai_alike_streamed_and_not()
    {
        IChatClient client = (await ClientAsync()).AsIChatClient();
        var options = new ChatOptions { Temperature = 0, MaxOutputTokens = 10 };

        var whole = await client.GetResponseAsync("Hello", options);
        var streamed = new StringBuilder();
        await foreach (var update in client.GetStreamingResponseAsync("Hello", options))
        {
            streamed.Append(update.Text);
        }

        Assert.False(string.IsNullOrEmpty(whole.Text));
        Assert.Equal(whole.Text, streamed.ToString());
    }

    private async Task<ChatClient> ClientAsync()
    {
        using var adapter = system.RandomAdapter(seed: 3);
        await system.StoreAdapterAsync("olivia", "persona", 1, adapter);
        var key = await system.UserKeyAsync("olivia");
        return new ChatClient(Avatar, new ApiKeyCredential(key), new OpenAIClientOptions { Endpoint = new Uri(system.IngressAddress, "/v1") });
    }
}
