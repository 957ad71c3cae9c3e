using System.Text;
using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Tests.Data;

public class When_training_files_are_read
{
    private static TrainingFile File(string name, string content) => new(name, () => new MemoryStream(Encoding.UTF8.GetBytes(content)));

    [Fact]
    public void Should_take_text_files_whole_and_json_records_one_by_one()
    {
        var documents = TrainingTextReader.Read([
            File("notes.md", "# Notes\nSome text."),
            File("records.jsonl", "{\"text\": \"first\"}\n\n{\"text\": \"second\"}\n"),
            File("array.json", "[{\"text\": \"third\"}, {\"text\": \"fourth\"}]"),
            File("single.json", "{\"text\": \"fifth\"}"),
        ]);

        Assert.Equal(["# Notes\nSome text.", "first", "second", "third", "fourth", "fifth"], documents.Select(d => d.Text));
        Assert.Equal("records.jsonl line 3", documents[2].Source);
    }

    [Fact]
    public void Should_read_chat_messages_as_turns_with_their_weights()
    {
        var document = Assert.Single(TrainingTextReader.Read([File("chat.jsonl",
            "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Hi\"}, " +
            "{\"role\": \"assistant\", \"content\": \"Hello!\", \"weight\": 0}, {\"role\": \"assistant\", \"content\": \"Hi there.\", \"weight\": 1}]}")]));

        Assert.Null(document.Text);
        Assert.Equal(
            [new ChatTurn("system", "Be brief."), new ChatTurn("user", "Hi"), new ChatTurn("assistant", "Hello!", 0), new ChatTurn("assistant", "Hi there.", 1)],
            document.Turns!);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0.5")]
    [InlineData("\"1\"")]
    public void Should_refuse_a_weight_other_than_0_or_1(string weight)
    {
        var error = Assert.Throws<TrainingDataException>(() => TrainingTextReader.Read([File("chat.jsonl",
            "\n{\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"Yo\", \"weight\": " + weight + "}]}")]));

        Assert.Contains("chat.jsonl line 2", error.Message);
        Assert.Contains("weight", error.Message);
    }

    [Fact]
    public void Should_render_chatml_with_a_generation_prompt_on_request()
    {
        ChatTurn[] turns = [new("system", "Be brief."), new("user", "Hi")];

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n", TinyChatFormat.Formatter.Render(turns, false));
        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", TinyChatFormat.Formatter.Render(turns, true));
    }

    [Fact]
    public void Should_refuse_an_empty_list_of_files()
    {
        Assert.Throws<TrainingDataException>(() => TrainingTextReader.Read([]));
    }
}
