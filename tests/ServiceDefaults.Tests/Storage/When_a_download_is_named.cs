using System.Net.Http.Headers;
using AdapterPipeline.ServiceDefaults.Storage;

namespace AdapterPipeline.ServiceDefaults.Tests.Storage;

public sealed class When_a_download_is_named
{
    [Theory]
    [InlineData("notes.txt", "notes.txt")]
    [InlineData("say \"hi\".txt", "say _hi_.txt")]
    [InlineData("back\\slash.md", "back_slash.md")]
    [InlineData("données.txt", "donn_es.txt")]
    public void Should_offer_an_attachment_with_a_safe_fallback_and_the_exact_name(string name, string fallback)
    {
        var header = ContentDispositionHeaderValue.Parse(AttachmentDisposition.For(name));

        Assert.Equal("attachment", header.DispositionType);
        Assert.Equal(fallback, header.FileName);
        Assert.Equal(name, header.FileNameStar);
    }
}
