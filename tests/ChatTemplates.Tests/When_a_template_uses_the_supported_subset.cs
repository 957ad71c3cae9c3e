namespace AdapterPipeline.ChatTemplates.Tests;

public class When_a_template_uses_the_supported_subset
{
    private static string Render(string source, IReadOnlyDictionary<string, object?>? extra = null) =>
        ChatTemplate.Parse(source).Render([new ChatMessage("system", "S"), new ChatMessage("user", " Hi ")], false, extra);

    [Theory]
    [InlineData("{{ [1, 2, 3][::-1] }}", "[3, 2, 1]")]
    [InlineData("{{ messages[1:] | length }}", "1")]
    [InlineData("{{ messages[-1].content | trim }}", "Hi")]
    [InlineData("{{ 'abcdef'[1:5:2] }}", "bd")]
    [InlineData("{% for m in messages %}{{ loop.index0 }}{{ loop.index }}{{ loop.first }}{{ loop.last }}{{ loop.length }};{% endfor %}", "01truefalse2;12falsetrue2;")]
    [InlineData("{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}", "2")]
    [InlineData("{% if x is defined %}d{% elif messages is string %}s{% else %}u{% endif %}", "u")]
    [InlineData("{{ 'a' ~ 1 ~ none is none }}", "a1true")]
    [InlineData("{{ 'x' if messages[0].role == 'system' else 'y' }}", "x")]
    [InlineData("{{ 'a,b,,c'.split(',') | join('|') }}", "a|b||c")]
    [InlineData("{{ '\\n\\nkeep  \\n'.strip('\\n') }}", "keep  ")]
    [InlineData("{{ {'b': 1, 'a': [true, none, 'é\"']} | tojson }}", "{\"b\": 1, \"a\": [true, null, \"é\\\"\"]}")]
    [InlineData("{{ 7 // 2 }} {{ 7 / 2 }} {{ -7 % 3 }}", "3 3.5 2")]
    [InlineData("{% macro greet(who, p='Hi') %}{{ p }} {{ who }}{% endmacro %}{{ greet('Ada') }}", "Hi Ada")]
    [InlineData("{%- for m in messages if m.role == 'user' -%}\n  {{ m.role | upper }}\n{%- endfor %}", "USER")]
    [InlineData("{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{% endfor %}", "a=1")]
    [InlineData("{{ messages | selectattr('role', 'equalto', 'user') | map(attribute='role') | first }}", "user")]
    [InlineData("  {% if true %}\nline\n  {% endif %}\nend\n", "line\nend")]
    public void Should_render_like_jinja(string source, string expected) => Assert.Equal(expected, Render(source));

    [Theory]
    [InlineData("{% include 'other' %}", "line 1, column 4", "include")]
    [InlineData("text\n{{ x | wordwrap }}", "line 2", "wordwrap")]
    [InlineData("{% for x in y %}", "", "endfor")]
    [InlineData("{{ x is divisibleby(3) }}", "line 1", "divisibleby")]
    public void Should_refuse_what_it_does_not_support_with_a_position(string source, string position, string construct)
    {
        var error = Assert.ThrowsAny<ChatTemplateException>(() => Render(source));
        Assert.Contains(position, error.Message);
        Assert.Contains(construct, error.Message);
    }

    [Fact]
    public void Should_raise_the_templates_own_message()
    {
        var template = ChatTemplate.Parse("{% if messages[0].role == 'system' %}{{ raise_exception('System role not supported') }}{% endif %}");
        var error = Assert.ThrowsAny<ChatTemplateException>(() => template.Render([new ChatMessage("system", "S")], false));
        Assert.Equal("System role not supported", error.Message);
    }
}
