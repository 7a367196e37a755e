using System.Globalization;
using System.Text.Json.Nodes;

namespace FeedbackBot.Templating;

/// <summary>Where a binding is evaluated: the whole data ($root), the current item ($data) and its position ($index).</summary>
internal sealed record Scope(object? Root, object? Data, object? Index)
{
    public static Scope For(object? root) => new(root, root, Undefined.Value);
}

/// <summary>A value, or the error adaptive-expressions would report instead.</summary>
internal readonly record struct Outcome(object? Value, string? Error)
{
    public static Outcome Of(object? value) => new(value, null);

    public static Outcome Fail(string error) => new(null, error);
}

/// <summary>
/// Evaluates the supported subset with adaptive-expressions' semantics. With <c>substitute</c> on (property
/// values, <c>$data</c>) an undefined path evaluates to the text <c>${path}</c>, as the JS templating library does;
/// conditions (<c>$when</c>, <c>!</c>, <c>&amp;&amp;</c>, comparisons, the test of <c>if</c>, <c>empty</c>) see it as undefined.
/// </summary>
internal static class ExpressionEvaluator
{
    private const double JsEpsilon = 2.220446049250313e-16;

    public static Outcome Evaluate(Expr expression, Scope scope, bool substitute) => expression switch
    {
        Literal literal => Outcome.Of(literal.Value),
        PathExpr path => EvaluatePath(path, scope, substitute),
        NotExpr not => Not(not, scope),
        BinaryExpr { Operator: "&&" } and => Outcome.Of(All(and, scope)),
        BinaryExpr { Operator: "||" } or => Outcome.Of(Any(or, scope)),
        BinaryExpr comparison => Compare(comparison, scope),
        CallExpr call => ExpressionFunctions.Call(call, scope, substitute),
        _ => throw new InvalidOperationException($"Unexpected expression {expression}."),
    };

    private static Outcome EvaluatePath(PathExpr path, Scope scope, bool substitute)
    {
        if (path.EndsWithIndex) return Element(path, scope, substitute);
        var value = Walk(path, scope);
        return Outcome.Of(value is Undefined && substitute ? "${" + path.ToAel() + "}" : value);
    }

    /// <summary><c>list[0]</c> as the last step: an out-of-range index or a non-list is an error, not undefined.</summary>
    private static Outcome Element(PathExpr path, Scope scope, bool substitute)
    {
        var instance = EvaluatePath(path.WithoutLastStep(), scope, substitute);
        if (instance.Error is not null) return instance;
        var index = ((IndexStep)path.Steps[^1]).Index;
        return instance.Value switch
        {
            null or Undefined => Outcome.Of(Undefined.Value),
            JsonArray array when index < array.Count => Outcome.Of(JsValue.FromNode(array[index])),
            JsonArray array => Outcome.Fail($"{index} is out of range for {JsValue.ToJsString(array)}"),
            var other => Outcome.Fail($"{JsValue.ToJsString(other)} is not a collection."),
        };
    }

    /// <summary>A memory path lookup: any step that does not resolve makes the whole path undefined.</summary>
    private static object? Walk(PathExpr path, Scope scope)
    {
        var (current, steps) = path.Root switch
        {
            "$root" => (scope.Root, path.Steps),
            "$data" => (scope.Data, path.Steps),
            "$index" => (scope.Index, path.Steps),
            _ => (scope.Data, path.Steps.Prepend(new NameStep(path.Root))),
        };
        foreach (var step in steps)
        {
            current = step switch
            {
                IndexStep index when current is JsonArray array => index.Index < array.Count ? JsValue.FromNode(array[index.Index]) : Undefined.Value,
                IndexStep index => Property(current, index.Index.ToString(CultureInfo.InvariantCulture)),
                NameStep name => Property(current, name.Name),
                _ => throw new InvalidOperationException(),
            };
        }
        return current;
    }

    /// <summary>Property lookup as adaptive-expressions does it: case-insensitive, first match in key order.</summary>
    private static object? Property(object? instance, string name)
    {
        if (JsValue.IsFalsy(instance)) return Undefined.Value;
        var wanted = name.ToLowerInvariant();
        return instance switch
        {
            JsonObject obj => obj.Where(p => p.Key.ToLowerInvariant() == wanted).Select(p => JsValue.FromNode(p.Value)).DefaultIfEmpty(Undefined.Value).First(),
            JsonArray array => int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < array.Count ? JsValue.FromNode(array[i]) : Undefined.Value,
            string text => int.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < text.Length ? text[i].ToString() : Undefined.Value,
            _ => Undefined.Value,
        };
    }

    private static Outcome Not(NotExpr not, Scope scope)
    {
        var operand = Evaluate(not.Operand, scope, substitute: false);
        return Outcome.Of(operand.Error is not null || !JsValue.IsLogicTrue(operand.Value));
    }

    private static bool All(BinaryExpr and, Scope scope) => IsTrue(and.Left, scope) && IsTrue(and.Right, scope);

    private static bool Any(BinaryExpr or, Scope scope) => IsTrue(or.Left, scope) || IsTrue(or.Right, scope);

    private static bool IsTrue(Expr operand, Scope scope)
    {
        var outcome = Evaluate(operand, scope, substitute: false);
        return outcome.Error is null && JsValue.IsLogicTrue(outcome.Value);
    }

    /// <summary>An operand that fails (or is null for an ordering) makes a comparison false; comparing a number with text is an error.</summary>
    private static Outcome Compare(BinaryExpr comparison, Scope scope)
    {
        var ordering = comparison.Operator is "<" or "<=" or ">" or ">=";
        var left = Evaluate(comparison.Left, scope, substitute: false);
        if (left.Error is not null || (ordering && left.Value is null or Undefined)) return Outcome.Of(false);
        var right = Evaluate(comparison.Right, scope, substitute: false);
        if (right.Error is not null || (ordering && right.Value is null or Undefined)) return Outcome.Of(false);
        if (!ordering) return Outcome.Of(Equal(left.Value, right.Value) == (comparison.Operator == "=="));
        int order;
        if (left.Value is double a && right.Value is double b) order = a.CompareTo(b);
        else if (left.Value is string x && right.Value is string y) order = string.CompareOrdinal(x, y);
        else return Outcome.Fail($"{JsValue.ToJsString(left.Value)} and {JsValue.ToJsString(right.Value)} must be comparable.");
        return Outcome.Of(comparison.Operator switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        });
    }

    /// <summary>adaptive-expressions' <c>commonEquals</c>: null equals undefined, lists and objects compare deeply.</summary>
    public static bool Equal(object? left, object? right) => (left, right) switch
    {
        (null or Undefined, _) or (_, null or Undefined) => left is null or Undefined && right is null or Undefined,
        (JsonArray a, JsonArray b) => a.Count == b.Count && a.Zip(b).All(pair => Equal(JsValue.FromNode(pair.First), JsValue.FromNode(pair.Second))),
        (JsonObject a, JsonObject b) => JsonNode.DeepEquals(a, b),
        (double a, double b) => Math.Abs(a - b) < JsEpsilon || a == b,
        _ => Equals(left, right),
    };
}
