namespace AdapterPipeline.ChatTemplates.Jinja;

internal abstract record Node(int Offset);

internal sealed record TextNode(string Text, int Offset) : Node(Offset);
internal sealed record EmitNode(Expr Value, int Offset) : Node(Offset);
internal sealed record IfNode(Expr Test, IReadOnlyList<Node> Body, IReadOnlyList<Node> Else, int Offset) : Node(Offset);
internal sealed record ForNode(IReadOnlyList<string> Targets, Expr Iterable, Expr? Filter, IReadOnlyList<Node> Body, IReadOnlyList<Node> Else, int Offset) : Node(Offset);
internal sealed record SetNode(Expr Target, Expr? Value, IReadOnlyList<Node>? Body, int Offset) : Node(Offset);
internal sealed record MacroNode(string Name, IReadOnlyList<(string Name, Expr? Default)> Parameters, IReadOnlyList<Node> Body, int Offset) : Node(Offset);
internal sealed record LoopControlNode(bool IsBreak, int Offset) : Node(Offset);

internal abstract record Expr(int Offset);

internal sealed record LiteralExpr(object? Value, int Offset) : Expr(Offset);
internal sealed record NameExpr(string Name, int Offset) : Expr(Offset);
internal sealed record ListExpr(IReadOnlyList<Expr> Items, int Offset) : Expr(Offset);
internal sealed record DictExpr(IReadOnlyList<(Expr Key, Expr Value)> Items, int Offset) : Expr(Offset);
internal sealed record AttributeExpr(Expr Target, string Name, int Offset) : Expr(Offset);
internal sealed record IndexExpr(Expr Target, Expr Index, int Offset) : Expr(Offset);
internal sealed record SliceExpr(Expr Target, Expr? Start, Expr? Stop, Expr? Step, int Offset) : Expr(Offset);
internal sealed record CallExpr(Expr Callee, Arguments Arguments, int Offset) : Expr(Offset);
internal sealed record FilterExpr(Expr Value, string Name, Arguments Arguments, int Offset) : Expr(Offset);
internal sealed record TestExpr(Expr Value, string Name, bool Negated, int Offset) : Expr(Offset);
internal sealed record UnaryExpr(string Operator, Expr Operand, int Offset) : Expr(Offset);
internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right, int Offset) : Expr(Offset);
internal sealed record TernaryExpr(Expr Test, Expr Then, Expr? Else, int Offset) : Expr(Offset);

internal sealed record Arguments(IReadOnlyList<Expr> Positional, IReadOnlyList<(string Name, Expr Value)> Named)
{
    public static readonly Arguments None = new([], []);
}
