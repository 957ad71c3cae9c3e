using AdapterPipeline.TrainingWorker.Data;

namespace AdapterPipeline.TrainingWorker.Tests.Data;

public class When_documents_are_split_and_batched
{
    [Theory]
    [InlineData(4, 0.5, 0)]
    [InlineData(5, 0.1, 1)]
    [InlineData(10, 0.5, 2)]
    [InlineData(100, 0.1, 10)]
    [InlineData(100, 0.0, 0)]
    public void Should_hold_out_whole_documents_never_more_than_a_fifth_and_none_under_five(int documents, double fraction, int expected)
    {
        var heldOut = DocumentSplit.HeldOut(documents, fraction, seed: 42);

        Assert.Equal(expected, heldOut.Count);
        Assert.All(heldOut, i => Assert.InRange(i, 0, documents - 1));
    }

    [Fact]
    public void Should_choose_the_same_documents_for_the_same_seed()
    {
        Assert.Equal(DocumentSplit.HeldOut(50, 0.2, 1).Order(), DocumentSplit.HeldOut(50, 0.2, 1).Order());
        Assert.NotEqual(DocumentSplit.HeldOut(50, 0.2, 1).Order(), DocumentSplit.HeldOut(50, 0.2, 2).Order());
    }

    [Fact]
    public void Should_batch_every_example_once_with_similar_lengths_together()
    {
        var random = new Random(3);
        var examples = Enumerable.Range(0, 64).Select(i => Example(random.Next(2, 200), i)).ToList();

        var batches = LengthBuckets.Batches(examples, batchSize: 4, new Random(42));

        Assert.Equal(examples.Select(e => e.Document).Order(), batches.SelectMany(b => b.Select(e => e.Document)).Order());
        long Padding(IEnumerable<TrainingExample[]> bs) => bs.Sum(b => b.Sum(e => (long)(b.Max(x => x.Tokens.Length) - e.Tokens.Length)));
        Assert.True(Padding(batches) * 3 < Padding(examples.Chunk(4)), $"padding {Padding(batches)} vs {Padding(examples.Chunk(4))} unsorted");
    }

    private static TrainingExample Example(int length, int document) =>
        new(new int[length], Enumerable.Repeat(true, length).ToArray(), document);
}
