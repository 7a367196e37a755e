using System.Text.Json.Nodes;

namespace FeedbackBot.Templating;

/// <summary>The supported functions, with adaptive-expressions' rules for errors and undefined arguments.</summary>
internal static class ExpressionFunctions
{
    public static Outcome Call(CallExpr call, Scope scope, bool substitute) => call.Function switch
    {
        "if" => If(call, scope, substitute),
        "empty" => Empty(call, scope),
        "count" => WithArguments(call, scope, substitute, Count),
        "join" => WithArguments(call, scope, substitute, Join),
        "concat" => WithArguments(call, scope, substitute, args => Outcome.Of(args.Skip(1).Aggregate(args[0], Concat))),
        _ => throw new InvalidOperationException($"Unsupported function {call.Function}."),
    };

    /// <summary>The test sees undefined values as they are; the chosen branch is evaluated like the whole binding.</summary>
    private static Outcome If(CallExpr call, Scope scope, bool substitute)
    {
        var test = ExpressionEvaluator.Evaluate(call.Arguments[0], scope, substitute: false);
        var branch = test.Error is null && JsValue.IsLogicTrue(test.Value) ? call.Arguments[1] : call.Arguments[2];
        return ExpressionEvaluator.Evaluate(branch, scope, substitute);
    }

    /// <summary>Never fails: an argument that errs, or is a number or boolean, is simply "not empty".</summary>
    private static Outcome Empty(CallExpr call, Scope scope)
    {
        var argument = ExpressionEvaluator.Evaluate(call.Arguments[0], scope, substitute: false);
        if (argument.Error is not null) return Outcome.Of(false);
        return Outcome.Of(argument.Value switch
        {
            null or Undefined => true,
            string text => text.Length == 0,
            JsonArray array => array.Count == 0,
            JsonObject obj => obj.Count == 0,
            _ => false,
        });
    }

    private static Outcome WithArguments(CallExpr call, Scope scope, bool substitute, Func<object?[], Outcome> apply)
    {
        var args = new object?[call.Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            var outcome = ExpressionEvaluator.Evaluate(call.Arguments[i], scope, substitute);
            if (outcome.Error is not null) return outcome;
            args[i] = outcome.Value;
        }
        return apply(args);
    }

    private static Outcome Count(object?[] args) => args[0] switch
    {
        string text => Outcome.Of((double)text.Length),
        JsonArray array => Outcome.Of((double)array.Count),
        JsonObject obj => Outcome.Of((double)obj.Count),
        null => Outcome.Fail("Cannot convert undefined or null to object"),
        var other => Outcome.Fail($"{JsValue.ToJsString(other)} must be a string, list, map or object."),
    };

    /// <summary>join(list, separator) or join(list, separator, lastSeparator), as JavaScript joins arrays.</summary>
    private static Outcome Join(object?[] args)
    {
        if (args[0] is not JsonArray list) return Outcome.Fail($"{JsValue.ToJsString(args[0])} is not a list.");
        if (args.Length == 2) return Outcome.Of(JsValue.Join(list, Separator(args[1])));
        if (list.Count < 3) return Outcome.Of(JsValue.Join(list, Separator(args[2])));
        var head = JsValue.Join(new JsonArray(list.Take(list.Count - 1).Select(item => item?.DeepClone()).ToArray()), Separator(args[1]));
        return Outcome.Of(head + JsValue.ToJsString(args[2]) + JsValue.ToJsString(JsValue.FromNode(list[^1])));
    }

    private static string Separator(object? value) => value is Undefined ? "," : JsValue.ToJsString(value);

    /// <summary>Two lists are appended; otherwise both sides become text (objects as JSON, null as nothing).</summary>
    private static object? Concat(object? first, object? second) => (first, second) switch
    {
        (null or Undefined, null or Undefined) => Undefined.Value,
        (null or Undefined, JsonArray list) => list,
        (JsonArray list, null or Undefined) => list,
        (JsonArray a, JsonArray b) => new JsonArray(a.Concat(b).Select(item => item?.DeepClone()).ToArray()),
        _ => JsValue.CommonStringify(first) + JsValue.CommonStringify(second),
    };
}
