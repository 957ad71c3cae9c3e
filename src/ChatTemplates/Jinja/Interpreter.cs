using System.Text;

namespace AdapterPipeline.ChatTemplates.Jinja;

/// <summary>Evaluates a parsed template against a scope of variables, producing the rendered text.</summary>
internal sealed class Interpreter(SourceMap? map = null)
{
    private sealed class LoopControl(bool isBreak) : Exception
    {
        public bool IsBreak { get; } = isBreak;
    }

    public string Render(IReadOnlyList<Node> nodes, Scope scope)
    {
        var sb = new StringBuilder();
        Execute(nodes, scope, sb);
        return sb.ToString();
    }

    private void Execute(IReadOnlyList<Node> nodes, Scope scope, StringBuilder output)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    output.Append(text.Text);
                    break;
                case EmitNode emit:
                    var value = Evaluate(emit.Value, scope);
                    if (value is not (null or Undefined)) output.Append(Values.ToText(value));
                    break;
                case IfNode branch:
                    Execute(Values.IsTruthy(Evaluate(branch.Test, scope)) ? branch.Body : branch.Else, scope, output);
                    break;
                case ForNode loop:
                    ExecuteFor(loop, scope, output);
                    break;
                case SetNode set:
                    ExecuteSet(set, scope);
                    break;
                case MacroNode macro:
                    scope.Set(macro.Name, DefineMacro(macro, scope));
                    break;
                case LoopControlNode control:
                    throw new LoopControl(control.IsBreak);
            }
        }
    }

    private void ExecuteFor(ForNode loop, Scope scope, StringBuilder output)
    {
        var items = Iterate(Evaluate(loop.Iterable, scope), loop.Iterable.Offset);
        if (loop.Filter is not null)
        {
            items = items.Where(item =>
            {
                var probe = new Scope(scope);
                Bind(loop, probe, item);
                return Values.IsTruthy(Evaluate(loop.Filter, probe));
            }).ToList();
        }
        if (items.Count == 0)
        {
            Execute(loop.Else, scope, output);
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            var inner = new Scope(scope);
            Bind(loop, inner, items[i]);
            inner.Set("loop", new Dictionary<string, object?>
            {
                ["index0"] = (long)i,
                ["index"] = (long)i + 1,
                ["revindex0"] = (long)(items.Count - i - 1),
                ["revindex"] = (long)(items.Count - i),
                ["first"] = i == 0,
                ["last"] = i == items.Count - 1,
                ["length"] = (long)items.Count,
                ["previtem"] = i > 0 ? items[i - 1] : Undefined.Value,
                ["nextitem"] = i < items.Count - 1 ? items[i + 1] : Undefined.Value,
            });
            try
            {
                Execute(loop.Body, inner, output);
            }
            catch (LoopControl control)
            {
                if (control.IsBreak) break;
            }
        }
    }

    private void Bind(ForNode loop, Scope scope, object? item)
    {
        if (loop.Targets.Count == 1)
        {
            scope.Set(loop.Targets[0], item);
            return;
        }
        if (item is not List<object?> tuple || tuple.Count != loop.Targets.Count)
            throw Error($"cannot unpack a {Values.TypeName(item)} into {loop.Targets.Count} loop variables", loop.Offset);
        for (var i = 0; i < tuple.Count; i++) scope.Set(loop.Targets[i], tuple[i]);
    }

    private List<object?> Iterate(object? value, int offset) => value switch
    {
        List<object?> list => [.. list],
        Dictionary<string, object?> dict => [.. dict.Keys],
        string s => [.. Builtins.CodePoints(s)],
        Undefined => [],
        _ => throw Error($"cannot iterate over a {Values.TypeName(value)}", offset),
    };

    private void ExecuteSet(SetNode set, Scope scope)
    {
        var value = set.Value is null ? Render(set.Body!, scope) : Evaluate(set.Value, scope);
        switch (set.Target)
        {
            case NameExpr name:
                scope.Set(name.Name, value);
                break;
            case AttributeExpr { Target: NameExpr owner } attribute:
                if (scope.Get(owner.Name) is not Namespace ns)
                    throw Error($"cannot set attribute '{attribute.Name}' on '{owner.Name}', which is not a namespace()", set.Offset);
                ns.Values[attribute.Name] = value;
                break;
        }
    }

    private Callable DefineMacro(MacroNode macro, Scope definedIn) => (positional, named) =>
    {
        var scope = new Scope(definedIn);
        for (var i = 0; i < macro.Parameters.Count; i++)
        {
            var (name, fallback) = macro.Parameters[i];
            scope.Set(name, i < positional.Count ? positional[i]
                : named.TryGetValue(name, out var given) ? given
                : fallback is null ? Undefined.Value : Evaluate(fallback, definedIn));
        }
        return Render(macro.Body, scope);
    };

    public object? Evaluate(Expr expr, Scope scope)
    {
        switch (expr)
        {
            case LiteralExpr literal: return literal.Value;
            case NameExpr name: return scope.Get(name.Name);
            case ListExpr list: return list.Items.Select(i => Evaluate(i, scope)).ToList();
            case DictExpr dict:
                var result = new Dictionary<string, object?>();
                foreach (var (key, value) in dict.Items)
                    result[Evaluate(key, scope) as string ?? throw Error("dictionary keys must be strings", key.Offset)] = Evaluate(value, scope);
                return result;
            case AttributeExpr attribute: return Builtins.Attribute(Evaluate(attribute.Target, scope), attribute.Name);
            case IndexExpr index: return Builtins.Index(Evaluate(index.Target, scope), Evaluate(index.Index, scope));
            case SliceExpr slice:
                return Guard(slice.Offset, () => Builtins.Slice(Evaluate(slice.Target, scope),
                    EvaluateOptional(slice.Start, scope), EvaluateOptional(slice.Stop, scope), EvaluateOptional(slice.Step, scope)));
            case CallExpr call:
                var callee = Evaluate(call.Callee, scope);
                if (callee is not Callable function) throw Error($"'{Describe(call.Callee)}' is not callable", call.Offset);
                var (positional, named) = EvaluateArguments(call.Arguments, scope);
                return Guard(call.Offset, () => function(positional, named));
            case FilterExpr filter:
                var (filterArgs, filterNamed) = EvaluateArguments(filter.Arguments, scope);
                var operand = Evaluate(filter.Value, scope);
                return Guard(filter.Offset, () => Builtins.Filter(filter.Name, operand, filterArgs, filterNamed));
            case TestExpr test:
                var tested = Evaluate(test.Value, scope);
                return Guard(test.Offset, () => Builtins.Test(test.Name, tested) != test.Negated);
            case UnaryExpr unary:
                var value1 = Evaluate(unary.Operand, scope);
                return unary.Operator == "not" ? !Values.IsTruthy(value1) : Guard(unary.Offset, () => Operators.Negate(unary.Operator, value1));
            case BinaryExpr { Operator: "and" } and:
                var left = Evaluate(and.Left, scope);
                return Values.IsTruthy(left) ? Evaluate(and.Right, scope) : left;
            case BinaryExpr { Operator: "or" } or:
                var first = Evaluate(or.Left, scope);
                return Values.IsTruthy(first) ? first : Evaluate(or.Right, scope);
            case BinaryExpr binary:
                var l = Evaluate(binary.Left, scope);
                var r = Evaluate(binary.Right, scope);
                return Guard(binary.Offset, () => Operators.Apply(binary.Operator, l, r));
            case TernaryExpr ternary:
                return Values.IsTruthy(Evaluate(ternary.Test, scope)) ? Evaluate(ternary.Then, scope)
                    : ternary.Else is null ? Undefined.Value : Evaluate(ternary.Else, scope);
            default:
                throw Error("unsupported expression", expr.Offset);
        }
    }

    private object? EvaluateOptional(Expr? expr, Scope scope) => expr is null ? null : Evaluate(expr, scope);

    private (List<object?>, Dictionary<string, object?>) EvaluateArguments(Arguments arguments, Scope scope) =>
        (arguments.Positional.Select(a => Evaluate(a, scope)).ToList(),
         arguments.Named.ToDictionary(n => n.Name, n => Evaluate(n.Value, scope)));

    private static string Describe(Expr expr) => expr switch
    {
        NameExpr n => n.Name,
        AttributeExpr a => $"{Describe(a.Target)}.{a.Name}",
        _ => "expression",
    };

    /// <summary>Adds the template position to errors raised by operators and built-ins, except the template's own refusals.</summary>
    private object? Guard(int offset, Func<object?> action)
    {
        try
        {
            return action();
        }
        catch (RaisedByTemplate)
        {
            throw;
        }
        catch (ChatTemplateException e)
        {
            throw Error(e.Message, offset);
        }
    }

    private ChatTemplateException Error(string message, int offset) =>
        map is null ? new ChatTemplateException(message) : map.Error(message, offset);
}

/// <summary>A conversation the template itself refuses through <c>raise_exception</c>.</summary>
internal sealed class RaisedByTemplate(string message) : ChatTemplateException(message);
