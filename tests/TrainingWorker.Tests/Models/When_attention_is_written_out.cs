using AdapterPipeline.LanguageModels.Models;
using static TorchSharp.torch;

namespace AdapterPipeline.TrainingWorker.Tests.Models;

public sealed class When_attention_is_written_out
{
    [Fact]
    public void Should_match_the_fused_kernel_in_outputs_and_gradients()
    {
        using var scope = NewDisposeScope();
        var generator = new Generator(7);
        Tensor Input() => randn([2, 3, 17, 16], generator: generator).requires_grad_();
        var (q, k, v) = (Input(), Input(), Input());
        using var upstream = randn([2, 3, 17, 16], generator: generator);

        var fused = nn.functional.scaled_dot_product_attention(q, k, v, is_casual: true);
        var (fq, fk, fv) = Gradients(fused);
        var written = Attention.ExplicitCausal(q, k, v);
        var (wq, wk, wv) = Gradients(written);

        Assert.True(written.allclose(fused, rtol: 1e-4, atol: 1e-5), $"largest difference {(written - fused).abs().max().item<float>()}");
        Assert.True(wq.allclose(fq, rtol: 1e-4, atol: 1e-5) && wk.allclose(fk, rtol: 1e-4, atol: 1e-5) && wv.allclose(fv, rtol: 1e-4, atol: 1e-5));
        // Causal: the first query sees only the first key, so its output is the first value.
        Assert.True(written.select(2, 0).allclose(v.select(2, 0), atol: 1e-6));

        (Tensor, Tensor, Tensor) Gradients(Tensor output)
        {
            foreach (var input in new[] { q, k, v })
            {
                input.grad?.zero_();
            }
            output.backward([upstream]);
            return (q.grad!.clone(), k.grad!.clone(), v.grad!.clone());
        }
    }
}
