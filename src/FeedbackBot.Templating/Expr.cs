using System.Globalization;

namespace FeedbackBot.Templating;

/// <summary>
/// A parsed binding expression. <see cref="ToAel"/> prints it the way adaptive-expressions does, because the JS
/// templating library writes a failed binding back into an interpolated string in that form.
/// </summary>
internal abstract record Expr
{
    public abstract string ToAel();
}

internal sealed record Literal(object? Value) : Expr
{
    public override string ToAel() => Value switch
    {
        null => "null",
        string text => $"'{text}'",
        bool flag => flag ? "true" : "false",
        double number => JsValue.NumberToString(number),
        _ => Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };
}

internal abstract record PathStep;

internal sealed record NameStep(string Name) : PathStep;

internal sealed record IndexStep(int Index) : PathStep;

/// <summary>A property path: an identifier (or <c>$root</c>, <c>$data</c>, <c>$index</c>) followed by <c>.name</c> and <c>[0]</c> steps.</summary>
internal sealed record PathExpr(string Root, IReadOnlyList<PathStep> Steps) : Expr
{
    public bool EndsWithIndex => Steps.Count > 0 && Steps[^1] is IndexStep;

    public PathExpr WithoutLastStep() => this with { Steps = Steps.Take(Steps.Count - 1).ToList() };

    public override string ToAel() =>
        Root + string.Concat(Steps.Select(step => step switch
        {
            NameStep name => "." + name.Name,
            IndexStep index => "[" + index.Index.ToString(CultureInfo.InvariantCulture) + "]",
            _ => throw new InvalidOperationException(),
        }));
}

internal sealed record NotExpr(Expr Operand) : Expr
{
    public override string ToAel() => $"!({Operand.ToAel()})";
}

internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right) : Expr
{
    public override string ToAel() => $"({Left.ToAel()} {Operator} {Right.ToAel()})";
}

internal sealed record CallExpr(string Function, IReadOnlyList<Expr> Arguments) : Expr
{
    public override string ToAel() => $"{Function}({string.Join(", ", Arguments.Select(a => a.ToAel()))})";
}
