using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Templating;

/// <summary>
/// Compiles a template at load and refuses anything outside the supported subset, naming the file, the JSON
/// place and the offending text, so a card can never break at run time because of its template.
/// </summary>
internal sealed class TemplateCompiler(string file)
{
    private static readonly HashSet<string> UnsupportedKeys = new(StringComparer.Ordinal) { "$root", "$index", "$host", "$_acTemplateVersion" };

    public static ObjectNode Compile(JsonNode? template, string file)
    {
        var compiler = new TemplateCompiler(file);
        if (template is not JsonObject root || root["type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String || type.GetValue<string>() != "AdaptiveCard")
            throw compiler.Error("$", "the template must be an object with \"type\": \"AdaptiveCard\"", "");
        if (root.ContainsKey("$data") || root.ContainsKey("$when"))
            throw compiler.Error("$", "$data and $when are not supported on the card itself", "");
        return compiler.CompileObject(root, "$");
    }

    private TemplateNode CompileNode(JsonNode? node, string path) => node switch
    {
        JsonObject obj => CompileObject(obj, path),
        JsonArray array => new ArrayNode(array.Select((item, i) => CompileNode(item, $"{path}[{i}]")).ToList()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => CompileString(value.GetValue<string>(), path),
        _ => new LiteralNode(node?.DeepClone()),
    };

    private ObjectNode CompileObject(JsonObject obj, string path)
    {
        var properties = new List<KeyValuePair<string, TemplateNode>>();
        TemplateNode? data = null;
        Expr? when = null;
        foreach (var (key, value) in obj)
        {
            var place = $"{path}.{key}";
            if (key.Contains("${", StringComparison.Ordinal)) throw Error(place, "bindings in property names are not supported", key);
            if (UnsupportedKeys.Contains(key)) throw Error(place, $"the property {key} is reserved by the templating language", key);
            if (key == "$data") data = CompileScope(value, place);
            else if (key == "$when") when = CompileCondition(value, place);
            else properties.Add(new(key, CompileNode(value, place)));
        }
        return new ObjectNode(properties, data, when);
    }

    /// <summary><c>$data</c> must be one binding: a literal list or object would reach the JS library unexpanded.</summary>
    private BindingNode CompileScope(JsonNode? value, string path) =>
        (value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? CompileString(v.GetValue<string>(), path) : null) as BindingNode
        ?? throw Error(path, "$data must be a single binding such as \"${items}\"", value?.ToJsonString() ?? "null");

    /// <summary><c>$when</c> must be one binding: the JS library drops an object for <c>"$when": true</c> and keeps it for <c>false</c>.</summary>
    private Expr CompileCondition(JsonNode? value, string path)
    {
        var source = value?.ToJsonString() ?? "null";
        if (value is not JsonValue v || v.GetValueKind() != JsonValueKind.String) throw Error(path, "$when must be a single binding such as \"${count > 0}\"", source);
        var parts = Parse(v.GetValue<string>(), path);
        if (parts is not [{ IsBinding: true } part]) throw Error(path, "$when must be a single binding such as \"${count > 0}\"", source);
        return part.Expression is Literal ? throw Error(path, "a $when of a bare literal is text in the JS library, so never true", source) : part.Expression!;
    }

    private TemplateNode CompileString(string text, string path)
    {
        if (!text.Contains("${", StringComparison.Ordinal)) return new LiteralNode(JsonValue.Create(text));
        var parts = Parse(text, path);
        if (parts is [{ IsBinding: true } whole])
        {
            return whole.Expression switch
            {
                Literal => throw Error(path, "a binding of a bare literal gives text in the JS library; write the value without ${}", text),
                CallExpr { Function: "concat" } concat => new InterpolationNode(concat.Arguments, text),
                var expression => new BindingNode(expression!, text),
            };
        }
        if (parts.Any(p => p.Expression is Literal { Value: null })) throw Error(path, "null cannot be put into text", text);
        return new InterpolationNode(parts.Select(p => p.Expression ?? new Literal(p.Text)).ToList(), text);
    }

    private List<Part> Parse(string text, string path)
    {
        if (text.IndexOfAny(['`', '\\']) >= 0) throw Error(path, "backticks and backslashes are not supported in a string with a binding", text);
        try
        {
            return Interpolation.Split(text).Select(p => p.IsBinding ? p with { Expression = ExpressionParser.Parse(p.Text) } : p).ToList();
        }
        catch (ExpressionSyntaxException e)
        {
            throw Error(path, e.Message, text);
        }
    }

    private CardTemplateException Error(string path, string problem, string text) =>
        new($"{file}: {path}: {problem}{(text.Length > 0 ? $" in {text}" : "")}");
}

/// <summary>A piece of a template string: literal text, or the expression text of one <c>${...}</c>.</summary>
internal sealed record Part(bool IsBinding, string Text, Expr? Expression = null);

internal static class Interpolation
{
    public static List<Part> Split(string text)
    {
        var parts = new List<Part>();
        var i = 0;
        while (i < text.Length)
        {
            var start = text.IndexOf("${", i, StringComparison.Ordinal);
            if (start < 0) start = text.Length;
            if (start > i) parts.Add(new Part(false, text[i..start]));
            if (start == text.Length) break;
            var end = Close(text, start + 2);
            var expression = text[(start + 2)..end];
            if (string.IsNullOrWhiteSpace(expression)) throw new ExpressionSyntaxException("an empty ${} is not supported");
            parts.Add(new Part(true, expression));
            i = end + 1;
        }
        return parts;
    }

    /// <summary>Finds the <c>}</c> that ends a binding, skipping quoted text.</summary>
    private static int Close(string text, int from)
    {
        for (var j = from; j < text.Length; j++)
        {
            if (text[j] == '\'')
            {
                j = text.IndexOf('\'', j + 1);
                if (j < 0) break;
            }
            else if (text[j] == '{') throw new ExpressionSyntaxException("braces inside ${...} are not supported");
            else if (text[j] == '}') return j;
        }
        throw new ExpressionSyntaxException("a ${ is not closed with }");
    }
}
