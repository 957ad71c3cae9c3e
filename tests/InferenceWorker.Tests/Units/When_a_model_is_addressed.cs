using AdapterPipeline.Domain.Inference;
using AdapterPipeline.Ingress.Inference;

namespace AdapterPipeline.InferenceWorker.Tests.Units;

public sealed class When_a_model_is_addressed
{
    [Theory]
    [InlineData("alice/bob", "alice", "bob", null, null)]
    [InlineData("alice/bob@v3", "alice", "bob", 3, null)]
    [InlineData("qwen2-0.5b", null, null, null, "qwen2-0.5b")]
    public void Should_read_the_avatar_the_version_or_the_base(string model, string? user, string? avatar, int? version, string? baseModel) =>
        Assert.Equal(new ModelAddress(user, avatar, version, baseModel), ModelAddress.Parse(model));

    [Theory]
    [InlineData("")]
    [InlineData("alice/")]
    [InlineData("alice/bob@v0")]
    [InlineData("alice/bob@vx")]
    [InlineData("al ice/bob")]
    [InlineData("alice/bob/carol")]
    public void Should_refuse_a_malformed_address(string model) => Assert.Null(ModelAddress.Parse(model));

    [Fact]
    public void Should_route_an_avatar_to_the_same_worker_whatever_the_order_of_the_list()
    {
        string[] workers = ["http://a:1", "http://b:1", "http://c:1"];

        var first = WorkerRouting.Order("alice/bob", workers)[0];

        Assert.Equal(first, WorkerRouting.Order("alice/bob", workers.Reverse().ToList())[0]);
        Assert.Equal(first, WorkerRouting.Order("alice/bob", workers.Where(w => w == first || w == "http://c:1").ToList())[0]);
    }

    [Fact]
    public void Should_spread_avatars_over_the_workers()
    {
        string[] workers = ["http://a:1", "http://b:1", "http://c:1"];

        var used = Enumerable.Range(0, 60).Select(i => WorkerRouting.Order($"user/avatar{i}", workers)[0]).Distinct().Count();

        Assert.Equal(3, used);
    }
}
