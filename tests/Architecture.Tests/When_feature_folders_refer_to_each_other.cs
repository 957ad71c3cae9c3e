namespace AdapterPipeline.Architecture.Tests;

public sealed class When_feature_folders_refer_to_each_other
{
    public static TheoryData<string> Services() => new(FeatureGraph.Services(FeatureGraph.RepositoryRoot()));

    [Theory]
    [MemberData(nameof(Services))]
    public void Should_form_no_cycle_within_a_service(string service)
    {
        var graph = FeatureGraph.Read(FeatureGraph.RepositoryRoot(), service);

        var cycle = graph.FindCycle();

        Assert.True(cycle is null, $"{service}: the feature folders {string.Join(" → ", cycle ?? [])} refer to each other in a cycle");
    }

    [Fact]
    public void Should_read_the_folders_of_the_metadata_service()
    {
        var graph = FeatureGraph.Read(FeatureGraph.RepositoryRoot(), "MetadataService");

        Assert.Contains("Avatars", graph.Edges["TrainingData"]);
    }

    [Fact]
    public void Should_find_a_cycle_through_three_folders()
    {
        var graph = new FeatureGraph("Sample", new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string> { "A" },
            ["D"] = new HashSet<string> { "A" },
        });

        Assert.Equal(["A", "B", "C", "A"], graph.FindCycle());
    }

    [Fact]
    public void Should_accept_a_graph_without_cycles()
    {
        var graph = new FeatureGraph("Sample", new Dictionary<string, IReadOnlySet<string>>
        {
            ["A"] = new HashSet<string> { "B", "C" },
            ["B"] = new HashSet<string> { "C" },
            ["C"] = new HashSet<string>(),
        });

        Assert.Null(graph.FindCycle());
    }
}
