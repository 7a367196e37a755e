using System.Globalization;

namespace FeedbackBot.Templating;

/// <summary>Syntax outside the supported subset; the template loader adds the file and the place.</summary>
internal sealed class ExpressionSyntaxException(string message) : Exception(message);

/// <summary>
/// Parses the expression inside <c>${...}</c>. Precedence follows adaptive-expressions, where <c>==</c>/<c>!=</c>
/// bind tighter than <c>&lt;</c>/<c>&gt;</c>: <c>||</c> &lt; <c>&amp;&amp;</c> &lt; comparison &lt; equality &lt; <c>!</c> &lt; path.
/// </summary>
internal sealed class ExpressionParser
{
    /// <summary>Supported functions and their argument counts (min, max).</summary>
    public static readonly IReadOnlyDictionary<string, (int Min, int Max)> Functions = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["if"] = (3, 3), ["empty"] = (1, 1), ["count"] = (1, 1), ["join"] = (2, 3), ["concat"] = (1, int.MaxValue),
    };

    /// <summary>Binary operators from the loosest to the tightest.</summary>
    private static readonly string[][] Levels = [["||"], ["&&"], ["<", "<=", ">", ">="], ["==", "!="]];

    private static readonly HashSet<string> ScopeNames = new(StringComparer.Ordinal) { "$root", "$data", "$index" };

    private readonly IReadOnlyList<Token> tokens;
    private int position;

    private ExpressionParser(IReadOnlyList<Token> tokens) => this.tokens = tokens;

    public static Expr Parse(string text)
    {
        var parser = new ExpressionParser(ExpressionLexer.Tokenize(text));
        var expression = parser.ParseBinary(0);
        if (parser.Peek.Kind != TokenKind.End) throw new ExpressionSyntaxException($"unexpected '{parser.Peek.Text}'");
        return expression;
    }

    private Token Peek => tokens[position];

    private Token Next() => tokens[position++];

    private bool TakeSymbol(string symbol)
    {
        if (Peek.Kind != TokenKind.Symbol || Peek.Text != symbol) return false;
        position++;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!TakeSymbol(symbol)) throw new ExpressionSyntaxException($"expected '{symbol}' but found '{Peek.Text}'");
    }

    private Expr ParseBinary(int level)
    {
        if (level == Levels.Length) return ParseUnary();
        var left = ParseBinary(level + 1);
        while (Peek.Kind == TokenKind.Symbol && Levels[level].Contains(Peek.Text))
        {
            var op = Next().Text;
            left = new BinaryExpr(op, left, ParseBinary(level + 1));
        }
        return left;
    }

    private Expr ParseUnary() => TakeSymbol("!") ? new NotExpr(ParseUnary()) : ParsePrimary();

    private Expr ParsePrimary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Number: return new Literal(double.Parse(token.Text, CultureInfo.InvariantCulture));
            case TokenKind.String: return new Literal(token.Text);
            case TokenKind.Identifier: return ParseIdentifier(token.Text);
            case TokenKind.Symbol when token.Text == "(":
                var inner = ParseBinary(0);
                Expect(")");
                return inner;
            case TokenKind.End: throw new ExpressionSyntaxException("the expression ends too early");
            default: throw new ExpressionSyntaxException($"unexpected '{token.Text}'");
        }
    }

    private Expr ParseIdentifier(string name)
    {
        switch (name)
        {
            case "true": return new Literal(true);
            case "false": return new Literal(false);
            case "null": return new Literal(null);
        }
        if (Peek.Kind == TokenKind.Symbol && Peek.Text == "(") return ParseCall(name);
        if (name.StartsWith('$') && !ScopeNames.Contains(name))
            throw new ExpressionSyntaxException($"'{name}' is not supported (only $root, $data and $index)");
        return ParsePath(name);
    }

    private CallExpr ParseCall(string name)
    {
        if (!Functions.TryGetValue(name, out var arity))
            throw new ExpressionSyntaxException($"unknown function '{name}' (supported: {string.Join(", ", Functions.Keys)})");
        Expect("(");
        var arguments = new List<Expr>();
        if (!TakeSymbol(")"))
        {
            do arguments.Add(ParseBinary(0)); while (TakeSymbol(","));
            Expect(")");
        }
        if (arguments.Count < arity.Min || arguments.Count > arity.Max)
            throw new ExpressionSyntaxException($"{name}() takes {Describe(arity)} arguments, not {arguments.Count}");
        if (Peek.Kind == TokenKind.Symbol && Peek.Text is "." or "[")
            throw new ExpressionSyntaxException($"'{Peek.Text}' after a function call is not supported");
        return new CallExpr(name, arguments);
    }

    private static string Describe((int Min, int Max) arity) => arity switch
    {
        _ when arity.Min == arity.Max => $"{arity.Min}",
        _ when arity.Max == int.MaxValue => $"{arity.Min} or more",
        _ => $"{arity.Min} to {arity.Max}",
    };

    private PathExpr ParsePath(string root)
    {
        var steps = new List<PathStep>();
        while (true)
        {
            if (TakeSymbol(".")) steps.Add(new NameStep(ExpectName()));
            else if (TakeSymbol("[")) steps.Add(new IndexStep(ExpectIndex()));
            else return new PathExpr(root, steps);
        }
    }

    private string ExpectName()
    {
        var token = Next();
        if (token.Kind != TokenKind.Identifier || token.Text.StartsWith('$')) throw new ExpressionSyntaxException($"expected a property name after '.' but found '{token.Text}'");
        return token.Text;
    }

    private int ExpectIndex()
    {
        var token = Next();
        if (token.Kind != TokenKind.Number || !int.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            throw new ExpressionSyntaxException($"only a whole number is supported inside [ ], not '{token.Text}'");
        Expect("]");
        return index;
    }
}
