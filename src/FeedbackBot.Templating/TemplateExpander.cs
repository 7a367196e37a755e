using System.Text;
using System.Text.Json.Nodes;

namespace FeedbackBot.Templating;

/// <summary>
/// Expands a compiled template the way adaptivecards-templating 2.3.1 does: objects that <c>$when</c> rejects
/// disappear from lists (and become null as a property value), <c>$data</c> over a list repeats the object and
/// splices the copies into the surrounding list, and an undefined value bound alone leaves the property out.
/// </summary>
internal sealed class TemplateExpander(string name)
{
    public static JsonObject Expand(string name, ObjectNode template, JsonNode? data) =>
        new TemplateExpander(name).Expand(template, Scope.For(JsValue.FromNode(data))) as JsonObject
        ?? throw new CardTemplateException($"Card '{name}' did not expand to an object.");

    /// <summary>Returns a JsonNode (null for JSON null) or <see cref="Undefined"/> when the value is to be left out.</summary>
    private object? Expand(TemplateNode node, Scope scope) => node switch
    {
        LiteralNode literal => literal.Value?.DeepClone(),
        BindingNode binding => Bind(binding, scope) switch
        {
            Undefined => Undefined.Value,
            var value => JsValue.ToNode(value),
        },
        InterpolationNode text => JsonValue.Create(Interpolate(text, scope)),
        ArrayNode array => ExpandArray(array, scope),
        ObjectNode obj => ExpandObject(obj, scope),
        _ => throw new InvalidOperationException($"Unexpected template node {node}."),
    };

    private object? Bind(BindingNode binding, Scope scope)
    {
        var outcome = ExpressionEvaluator.Evaluate(binding.Expression, scope, substitute: true);
        return outcome.Error is null ? outcome.Value : throw new CardTemplateException($"Card '{name}': {binding.Source} cannot be bound to this data: {outcome.Error}");
    }

    /// <summary>A binding that fails inside text is written back as <c>${expression}</c>; one that is null cannot be written at all.</summary>
    private string Interpolate(InterpolationNode text, Scope scope)
    {
        var builder = new StringBuilder();
        foreach (var part in text.Parts)
        {
            var outcome = ExpressionEvaluator.Evaluate(part, scope, substitute: true);
            if (outcome.Error is not null) builder.Append("${").Append(part.ToAel()).Append('}');
            else if (outcome.Value is null or Undefined) throw new CardTemplateException($"Card '{name}': {text.Source}: {part.ToAel()} is null, which cannot be put into text.");
            else builder.Append(JsValue.ToJsString(outcome.Value));
        }
        return builder.ToString();
    }

    private JsonArray ExpandArray(ArrayNode array, Scope scope)
    {
        var result = new JsonArray();
        foreach (var item in array.Items)
        {
            switch (Expand(item, scope))
            {
                case null:
                    break;
                case Undefined:
                    result.Add(null);
                    break;
                case JsonArray spliced:
                    foreach (var child in spliced) result.Add(child?.DeepClone());
                    break;
                case JsonNode node:
                    result.Add(node);
                    break;
            }
        }
        return result;
    }

    private JsonNode? ExpandObject(ObjectNode obj, Scope scope)
    {
        var copies = new List<JsonNode?>();
        foreach (var itemScope in Scopes(obj, scope))
        {
            if (obj.When is null || IsTrue(obj.When, itemScope)) copies.Add(ExpandProperties(obj, itemScope));
        }
        return copies.Count switch
        {
            0 => null,
            1 => copies[0],
            _ => new JsonArray(copies.ToArray()),
        };
    }

    private IEnumerable<Scope> Scopes(ObjectNode obj, Scope scope)
    {
        if (obj.Data is not BindingNode data) return [scope];
        return Bind(data, scope) switch
        {
            JsonArray items => items.Select((item, i) => scope with { Data = JsValue.FromNode(item), Index = (double)i }).ToList(),
            Undefined => [scope],
            var value => [scope with { Data = value }],
        };
    }

    /// <summary><c>$when</c> keeps the object only for a real boolean true; errors and undefined values drop it.</summary>
    private static bool IsTrue(Expr when, Scope scope)
    {
        var outcome = ExpressionEvaluator.Evaluate(when, scope, substitute: false);
        return outcome.Error is null && outcome.Value is true;
    }

    private JsonObject ExpandProperties(ObjectNode obj, Scope scope)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj.Properties)
        {
            var expanded = Expand(value, scope);
            if (expanded is not Undefined) result[key] = (JsonNode?)expanded;
        }
        return result;
    }
}
