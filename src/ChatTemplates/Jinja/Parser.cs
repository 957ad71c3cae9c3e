using System.Globalization;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>
/// Parses the token stream into statements, with the operator precedence of @huggingface/jinja (from loosest):
/// inline if, <c>or</c>, <c>and</c>, <c>not</c>, comparisons and <c>in</c>, <c>+ - ~</c>, <c>* / // %</c>,
/// <c>**</c>, <c>is</c> tests, <c>|</c> filters, unary sign, then calls, attributes and subscripts.
/// Anything else is refused with its position.
/// </summary>
internal sealed class Parser(List<Token> tokens, SourceMap map)
{
    private int current;

    public static (IReadOnlyList<Node> Body, SourceMap Map) Parse(string template)
    {
        var (tokens, map) = Lexer.Tokenize(template);
        var parser = new Parser(tokens, map);
        var body = parser.ParseBlock();
        if (parser.Peek.Kind != TokenKind.End) throw parser.Unsupported(parser.Peek);
        return (body, map);
    }

    private Token Peek => tokens[current];

    private Token Next() => tokens[current++];

    private bool IsName(string name, int ahead = 0) =>
        current + ahead < tokens.Count && tokens[current + ahead] is { Kind: TokenKind.Name } t && t.Value == name;

    private bool IsSymbol(string symbol) => Peek is { Kind: TokenKind.Symbol } t && t.Value == symbol;

    private bool IsBlockEnd(params string[] names) =>
        Peek.Kind == TokenKind.OpenStatement && names.Any(n => IsName(n, 1));

    private Token Expect(TokenKind kind, string? value = null)
    {
        var token = Next();
        if (token.Kind != kind || (value is not null && token.Value != value))
            throw map.Error($"expected {value ?? kind.ToString()} but found '{Describe(token)}'", token.Offset);
        return token;
    }

    private void ExpectName(string name) => Expect(TokenKind.Name, name);

    private ChatTemplateException Unsupported(Token token) =>
        map.Error($"unsupported construct '{Describe(token)}'", token.Offset);

    private static string Describe(Token token) => token.Kind == TokenKind.End ? "end of template" : token.Value;

    /// <summary>Statements until the end of input or a block tag one of the callers closes.</summary>
    private List<Node> ParseBlock(params string[] terminators)
    {
        var nodes = new List<Node>();
        while (Peek.Kind != TokenKind.End && !IsBlockEnd(terminators))
        {
            var token = Next();
            switch (token.Kind)
            {
                case TokenKind.Text:
                    nodes.Add(new TextNode(token.Value, token.Offset));
                    break;
                case TokenKind.OpenExpression:
                    nodes.Add(new EmitNode(ParseExpression(), token.Offset));
                    Expect(TokenKind.CloseExpression);
                    break;
                case TokenKind.OpenStatement:
                    nodes.Add(ParseStatement());
                    break;
                default:
                    throw Unsupported(token);
            }
        }
        if (terminators.Length > 0 && Peek.Kind == TokenKind.End)
            throw map.Error($"missing {{% {terminators[^1]} %}}", Peek.Offset);
        return nodes;
    }

    private void CloseBlock(string name)
    {
        Expect(TokenKind.OpenStatement);
        ExpectName(name);
        Expect(TokenKind.CloseStatement);
    }

    private Node ParseStatement()
    {
        var keyword = Next();
        if (keyword.Kind != TokenKind.Name) throw Unsupported(keyword);
        switch (keyword.Value)
        {
            case "if": return ParseIf(keyword.Offset);
            case "for": return ParseFor(keyword.Offset);
            case "set": return ParseSet(keyword.Offset);
            case "macro": return ParseMacro(keyword.Offset);
            case "break" or "continue":
                Expect(TokenKind.CloseStatement);
                return new LoopControlNode(keyword.Value == "break", keyword.Offset);
            default:
                throw map.Error($"unsupported statement '{{% {keyword.Value} %}}'", keyword.Offset);
        }
    }

    private IfNode ParseIf(int offset)
    {
        var test = ParseExpression();
        Expect(TokenKind.CloseStatement);
        var body = ParseBlock("elif", "else", "endif");
        Expect(TokenKind.OpenStatement);
        var tag = Next();
        IReadOnlyList<Node> otherwise = [];
        if (tag.Value == "elif")
        {
            return new IfNode(test, body, [ParseIf(tag.Offset)], offset);
        }
        if (tag.Value == "else")
        {
            Expect(TokenKind.CloseStatement);
            otherwise = ParseBlock("endif");
            Expect(TokenKind.OpenStatement);
            tag = Next();
        }
        if (tag.Value != "endif") throw Unsupported(tag);
        Expect(TokenKind.CloseStatement);
        return new IfNode(test, body, otherwise, offset);
    }

    private ForNode ParseFor(int offset)
    {
        var targets = new List<string> { Expect(TokenKind.Name).Value };
        while (IsSymbol(","))
        {
            Next();
            targets.Add(Expect(TokenKind.Name).Value);
        }
        ExpectName("in");
        // The iterable stops before a trailing `if` filter, so it is parsed below the inline-if level.
        var iterable = ParseOr();
        Expr? filter = null;
        if (IsName("if"))
        {
            Next();
            filter = ParseExpression();
        }
        if (IsName("recursive")) throw Unsupported(Peek);
        Expect(TokenKind.CloseStatement);
        var body = ParseBlock("else", "endfor");
        IReadOnlyList<Node> otherwise = [];
        if (IsName("else", 1))
        {
            Next(); Next();
            Expect(TokenKind.CloseStatement);
            otherwise = ParseBlock("endfor");
        }
        CloseBlock("endfor");
        return new ForNode(targets, iterable, filter, body, otherwise, offset);
    }

    private SetNode ParseSet(int offset)
    {
        var target = ParsePostfix(ParsePrimary());
        if (target is not (NameExpr or AttributeExpr { Target: NameExpr }))
            throw map.Error("unsupported assignment target in {% set %}", target.Offset);
        if (IsSymbol(","))
            throw map.Error("unsupported tuple assignment in {% set %}", Peek.Offset);
        if (Peek.Kind == TokenKind.CloseStatement)
        {
            Next();
            var body = ParseBlock("endset");
            CloseBlock("endset");
            return new SetNode(target, null, body, offset);
        }
        Expect(TokenKind.Symbol, "=");
        var value = ParseExpression();
        Expect(TokenKind.CloseStatement);
        return new SetNode(target, value, null, offset);
    }

    private MacroNode ParseMacro(int offset)
    {
        var name = Expect(TokenKind.Name).Value;
        Expect(TokenKind.Symbol, "(");
        var parameters = new List<(string, Expr?)>();
        while (!IsSymbol(")"))
        {
            var parameter = Expect(TokenKind.Name).Value;
            Expr? fallback = null;
            if (IsSymbol("="))
            {
                Next();
                fallback = ParseExpression();
            }
            parameters.Add((parameter, fallback));
            if (!IsSymbol(")")) Expect(TokenKind.Symbol, ",");
        }
        Next();
        Expect(TokenKind.CloseStatement);
        var body = ParseBlock("endmacro");
        CloseBlock("endmacro");
        return new MacroNode(name, parameters, body, offset);
    }

    private Expr ParseExpression()
    {
        var value = ParseOr();
        if (!IsName("if")) return value;
        var offset = Next().Offset;
        var test = ParseOr();
        Expr? otherwise = null;
        if (IsName("else"))
        {
            Next();
            otherwise = ParseExpression();
        }
        return new TernaryExpr(test, value, otherwise, offset);
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (IsName("or"))
        {
            Next();
            left = new BinaryExpr("or", left, ParseAnd(), left.Offset);
        }
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (IsName("and"))
        {
            Next();
            left = new BinaryExpr("and", left, ParseNot(), left.Offset);
        }
        return left;
    }

    private Expr ParseNot()
    {
        if (!IsName("not")) return ParseComparison();
        var offset = Next().Offset;
        return new UnaryExpr("not", ParseNot(), offset);
    }

    private static readonly HashSet<string> Comparisons = ["==", "!=", "<", ">", "<=", ">="];

    private Expr ParseComparison()
    {
        var left = ParseAdditive();
        while (true)
        {
            string op;
            if (IsName("not") && IsName("in", 1)) { Next(); Next(); op = "not in"; }
            else if (IsName("in")) { Next(); op = "in"; }
            else if (Peek.Kind == TokenKind.Symbol && Comparisons.Contains(Peek.Value)) op = Next().Value;
            else return left;
            left = new BinaryExpr(op, left, ParseAdditive(), left.Offset);
        }
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (IsSymbol("+") || IsSymbol("-") || IsSymbol("~"))
            left = new BinaryExpr(Next().Value, left, ParseMultiplicative(), left.Offset);
        return left;
    }

    private Expr ParseMultiplicative()
    {
        var left = ParsePower();
        while (IsSymbol("*") || IsSymbol("/") || IsSymbol("//") || IsSymbol("%"))
            left = new BinaryExpr(Next().Value, left, ParsePower(), left.Offset);
        return left;
    }

    private Expr ParsePower()
    {
        var left = ParseTest();
        while (IsSymbol("**")) left = new BinaryExpr(Next().Value, left, ParseTest(), left.Offset);
        return left;
    }

    private Expr ParseTest()
    {
        var value = ParseFilter();
        while (IsName("is"))
        {
            var offset = Next().Offset;
            var negated = IsName("not");
            if (negated) Next();
            var name = Next();
            if (name.Kind != TokenKind.Name) throw map.Error("expected a test name after 'is'", name.Offset);
            if (IsSymbol("(")) throw map.Error($"unsupported test with arguments 'is {name.Value}(...)'", Peek.Offset);
            value = new TestExpr(value, name.Value, negated, offset);
        }
        return value;
    }

    private Expr ParseFilter()
    {
        var value = ParseUnary();
        while (IsSymbol("|"))
        {
            Next();
            var name = Expect(TokenKind.Name);
            var arguments = IsSymbol("(") ? ParseArguments() : Arguments.None;
            value = new FilterExpr(value, name.Value, arguments, name.Offset);
        }
        return value;
    }

    private Expr ParseUnary()
    {
        if (!IsSymbol("-") && !IsSymbol("+")) return ParsePostfix(ParsePrimary());
        var token = Next();
        return new UnaryExpr(token.Value, ParseUnary(), token.Offset);
    }

    private Expr ParsePostfix(Expr target)
    {
        while (true)
        {
            if (IsSymbol("."))
            {
                Next();
                var name = Next();
                if (name.Kind is not (TokenKind.Name or TokenKind.Number)) throw Unsupported(name);
                target = name.Kind == TokenKind.Number
                    ? new IndexExpr(target, new LiteralExpr(long.Parse(name.Value, CultureInfo.InvariantCulture), name.Offset), name.Offset)
                    : new AttributeExpr(target, name.Value, name.Offset);
            }
            else if (IsSymbol("["))
            {
                target = ParseSubscript(target, Next().Offset);
            }
            else if (IsSymbol("("))
            {
                target = new CallExpr(target, ParseArguments(), target.Offset);
            }
            else return target;
        }
    }

    private Expr ParseSubscript(Expr target, int offset)
    {
        var parts = new List<Expr?> { null };
        var colons = 0;
        while (!IsSymbol("]"))
        {
            if (IsSymbol(":"))
            {
                Next();
                if (++colons > 2) throw Unsupported(Peek);
                parts.Add(null);
                continue;
            }
            if (parts[^1] is not null) throw Unsupported(Peek);
            parts[^1] = ParseExpression();
        }
        Next();
        if (colons == 0)
            return new IndexExpr(target, parts[0] ?? throw map.Error("empty subscript", offset), offset);
        while (parts.Count < 3) parts.Add(null);
        return new SliceExpr(target, parts[0], parts[1], parts[2], offset);
    }

    private Arguments ParseArguments()
    {
        Expect(TokenKind.Symbol, "(");
        var positional = new List<Expr>();
        var named = new List<(string, Expr)>();
        while (!IsSymbol(")"))
        {
            if (Peek.Kind == TokenKind.Name && tokens[current + 1] is { Kind: TokenKind.Symbol, Value: "=" })
            {
                var name = Next().Value;
                Next();
                named.Add((name, ParseExpression()));
            }
            else
            {
                if (IsSymbol("*") || IsSymbol("**")) throw map.Error("unsupported argument unpacking", Peek.Offset);
                positional.Add(ParseExpression());
            }
            if (!IsSymbol(")")) Expect(TokenKind.Symbol, ",");
        }
        Next();
        return new Arguments(positional, named);
    }

    private Expr ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new LiteralExpr(token.Value.Contains('.')
                    ? (object)double.Parse(token.Value, CultureInfo.InvariantCulture)
                    : long.Parse(token.Value, CultureInfo.InvariantCulture), token.Offset);
            case TokenKind.String:
                var text = token.Value;
                while (Peek.Kind == TokenKind.String) text += Next().Value;
                return new LiteralExpr(text, token.Offset);
            case TokenKind.Name:
                return token.Value switch
                {
                    "true" or "True" => new LiteralExpr(true, token.Offset),
                    "false" or "False" => new LiteralExpr(false, token.Offset),
                    "none" or "None" => new LiteralExpr(null, token.Offset),
                    _ => new NameExpr(token.Value, token.Offset),
                };
            case TokenKind.Symbol when token.Value == "(":
                var inner = ParseExpression();
                if (IsSymbol(","))
                {
                    var items = new List<Expr> { inner };
                    while (IsSymbol(","))
                    {
                        Next();
                        if (IsSymbol(")")) break;
                        items.Add(ParseExpression());
                    }
                    inner = new ListExpr(items, token.Offset);
                }
                Expect(TokenKind.Symbol, ")");
                return inner;
            case TokenKind.Symbol when token.Value == "[":
                var list = new List<Expr>();
                while (!IsSymbol("]"))
                {
                    list.Add(ParseExpression());
                    if (!IsSymbol("]")) Expect(TokenKind.Symbol, ",");
                }
                Next();
                return new ListExpr(list, token.Offset);
            case TokenKind.Symbol when token.Value == "{":
                var pairs = new List<(Expr, Expr)>();
                while (!IsSymbol("}"))
                {
                    var key = ParseExpression();
                    Expect(TokenKind.Symbol, ":");
                    pairs.Add((key, ParseExpression()));
                    if (!IsSymbol("}")) Expect(TokenKind.Symbol, ",");
                }
                Next();
                return new DictExpr(pairs, token.Offset);
            default:
                throw Unsupported(token);
        }
    }
}
