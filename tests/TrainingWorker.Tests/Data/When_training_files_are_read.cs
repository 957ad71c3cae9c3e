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

        Assert.Equal(["# Notes\nSome text.", "first", "second", "third", "fourth", "fifth"], documents);
    }

    [Fact]
    public void Should_render_chat_messages_with_the_chatml_template()
    {
        var documents = TrainingTextReader.Read([File("chat.jsonl",
            "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Hi\"}, {\"role\": \"assistant\", \"content\": \"Hello!\"}]}")]);

        Assert.Equal(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello!<|im_end|>\n",
            Assert.Single(documents));
    }

    [Fact]
    public void Should_refuse_an_empty_list_of_files()
    {
        Assert.Throws<TrainingDataException>(() => TrainingTextReader.Read([]));
    }
}

public class When_documents_are_packed
{
    [Fact]
    public void Should_join_documents_with_end_of_sequence_and_cut_full_blocks()
    {
        var blocks = TrainingDataset.Pack([[1, 2, 3], [4, 5], [6, 7, 8, 9]], endOfSequenceId: 0, blockSize: 4);

        Assert.Equal([[1, 2, 3, 0], [4, 5, 0, 6], [7, 8, 9, 0]], blocks);
    }

    [Fact]
    public void Should_keep_a_short_last_block_but_drop_a_single_token()
    {
        Assert.Equal([[1, 2, 3, 0], [4, 0]], TrainingDataset.Pack([[1, 2, 3], [4]], 0, 4));
        Assert.Equal([[1, 2, 3, 0]], TrainingDataset.Pack([[1, 2, 3]], 0, 4).Concat(TrainingDataset.Pack([], 0, 4)));
    }
}
