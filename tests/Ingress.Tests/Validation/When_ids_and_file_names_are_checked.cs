using AdapterPipeline.Domain.Validation;

namespace AdapterPipeline.Ingress.Tests.Validation;

public sealed class When_ids_and_file_names_are_checked
{
    [Theory]
    [InlineData("u1")]
    [InlineData("User_1-a")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123")]
    public void Should_accept_ids_of_letters_digits_underscores_and_dashes(string id) => Assert.Null(InputRules.IdProblem(id));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("ü")]
    [InlineData("alice\n")]
    [InlineData("alice\r\n")]
    [InlineData("01234567890123456789012345678901234567890123456789012345678901234")]
    public void Should_refuse_other_ids(string? id) => Assert.NotNull(InputRules.IdProblem(id));

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("my notes (v2).md")]
    [InlineData("données.csv")]
    [InlineData("a.b.c.jsonl")]
    public void Should_accept_plain_file_names(string name) => Assert.Null(InputRules.FileNameProblem(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a/b.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("..")]
    [InlineData("a..b.txt")]
    [InlineData(".env")]
    [InlineData("line\nbreak.txt")]
    [InlineData("nul\0.txt")]
    [InlineData("del\u007f.txt")]
    public void Should_refuse_unsafe_file_names(string? name) => Assert.NotNull(InputRules.FileNameProblem(name));

    [Fact]
    public void Should_measure_the_255_byte_limit_in_utf8()
    {
        Assert.Null(InputRules.FileNameProblem(new string('a', 251) + ".txt"));
        Assert.NotNull(InputRules.FileNameProblem(new string('a', 252) + ".txt"));
        Assert.NotNull(InputRules.FileNameProblem(new string('é', 126) + ".txt")); // 252 + 4 bytes
    }

    [Theory]
    [InlineData("invoice\u202Etxt.exe", "U+202E")]
    [InlineData("zero\u200Bwidth.txt", "U+200B")]
    [InlineData("isolate\u2066.txt", "U+2066")]
    [InlineData("bom\uFEFF.txt", "U+FEFF")]
    [InlineData("donne\u0301es.txt", "NFC")]
    public void Should_refuse_names_that_read_as_another(string name, string named) =>
        Assert.Contains(named, InputRules.FileNameProblem(name));

    [Fact]
    public void Should_refuse_a_lone_surrogate() => Assert.NotNull(InputRules.FileNameProblem("a\ud800.txt"));

    [Theory]
    [InlineData("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", true)]
    [InlineData("2CF24DBA5FB0A30E26E83B2AC5B9E29E1B161E5C1FA7425E73043362938B9824", false)]
    [InlineData("2cf24dba", false)]
    [InlineData(null, false)]
    public void Should_accept_only_lowercase_hex_sha256(string? value, bool valid) => Assert.Equal(valid, InputRules.Sha256Problem(value) is null);

    [Fact]
    public void Should_name_each_offending_field()
    {
        var errors = InputRules.CheckAvatar("bad id", "also bad").ToDictionary();

        Assert.Equal(["avatar_id", "user_id"], errors.Keys.Order());
    }
}
