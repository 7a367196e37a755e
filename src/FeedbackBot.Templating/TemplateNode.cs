using System.Text.Json.Nodes;

namespace FeedbackBot.Templating;

/// <summary>A template compiled at load: every binding already parsed, so expansion cannot meet a syntax error.</summary>
internal abstract record TemplateNode;

/// <summary>A number, boolean, null or a string without bindings: copied as is.</summary>
internal sealed record LiteralNode(JsonNode? Value) : TemplateNode;

/// <summary>A string that is exactly one <c>${expr}</c>: the value keeps its JSON type (object, list, boolean ...).</summary>
internal sealed record BindingNode(Expr Expression, string Source) : TemplateNode;

/// <summary>Text with bindings, always a string. Parts are string literals (the text) and bindings.</summary>
internal sealed record InterpolationNode(IReadOnlyList<Expr> Parts, string Source) : TemplateNode;

internal sealed record ArrayNode(IReadOnlyList<TemplateNode> Items) : TemplateNode;

/// <summary>An object; <c>$data</c> repeats or re-scopes it, <c>$when</c> keeps or drops it.</summary>
internal sealed record ObjectNode(IReadOnlyList<KeyValuePair<string, TemplateNode>> Properties, TemplateNode? Data, Expr? When) : TemplateNode;
