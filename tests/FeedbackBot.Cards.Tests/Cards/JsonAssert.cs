using System.Text.Json;
using System.Text.Json.Nodes;

namespace FeedbackBot.Cards.Tests.Cards;

public static class JsonAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal(JsonNode? expected, JsonNode? actual, string what)
    {
        if (JsonNode.DeepEquals(expected, actual)) return;
        Assert.Fail($"{what}: first difference at {FirstDifference(expected, actual, "$")}\nexpected:\n{Show(expected)}\nactual:\n{Show(actual)}");
    }

    public static string Show(JsonNode? node) => node?.ToJsonString(Indented) ?? "null";

    private static string FirstDifference(JsonNode? a, JsonNode? b, string path) => (a, b) switch
    {
        (JsonObject x, JsonObject y) => x.Select(p => p.Key).Union(y.Select(p => p.Key))
            .Where(k => !x.ContainsKey(k) || !y.ContainsKey(k) || !JsonNode.DeepEquals(x[k], y[k]))
            .Select(k => x.ContainsKey(k) && y.ContainsKey(k) ? FirstDifference(x[k], y[k], $"{path}.{k}") : $"{path}.{k} (only in {(x.ContainsKey(k) ? "expected" : "actual")})")
            .FirstOrDefault() ?? path,
        (JsonArray x, JsonArray y) when x.Count == y.Count => Enumerable.Range(0, x.Count)
            .Where(i => !JsonNode.DeepEquals(x[i], y[i]))
            .Select(i => FirstDifference(x[i], y[i], $"{path}[{i}]"))
            .FirstOrDefault() ?? path,
        _ => $"{path} ({Short(a)} vs {Short(b)})",
    };

    private static string Short(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length > 80 ? text[..80] + "…" : text;
    }
}
