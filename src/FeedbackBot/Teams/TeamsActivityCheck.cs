using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace FeedbackBot.Teams;

/// <summary>
/// What an activity must carry before a turn runs: without a conversation, a sender, a recipient or a service URL the
/// bot can neither answer nor tell who asked; an invoke the bot handles must carry a value of the expected shape.
/// </summary>
public static class TeamsActivityCheck
{
    /// <summary>Adaptive Card data is a few levels deep; anything far deeper is not a card's.</summary>
    public const int MaxValueDepth = 32;

    public static string? Problem(Activity activity)
    {
        if (activity.Conversation is null) return "The activity has no conversation.";
        if (string.IsNullOrWhiteSpace(activity.Conversation.Id)) return "The activity's conversation.id is empty.";
        if (activity.From is null) return "The activity has no from.";
        if (string.IsNullOrWhiteSpace(activity.From.Id)) return "The activity's from.id is empty.";
        if (activity.Recipient is null) return "The activity has no recipient.";
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || serviceUrl.Scheme is not ("https" or "http"))
            return "The activity's serviceUrl is not an http(s) address.";
        if (activity.Value is JToken value && DepthOf(value) > MaxValueDepth)
            return $"The activity's value is nested deeper than {MaxValueDepth} levels.";
        return activity.Type == ActivityTypes.Invoke ? InvokeProblem(activity.Name, activity.Value) : null;
    }

    private static string? InvokeProblem(string? name, object? value) => name switch
    {
        "composeExtension/fetchTask" or "composeExtension/submitAction" => value is not JObject extension ? $"A {name} invoke needs a value object."
            : extension["commandId"] is { } command && command.Type != JTokenType.String ? "value.commandId must be a string."
            : extension["messagePayload"] is { } payload && payload.Type is not (JTokenType.Object or JTokenType.Null) ? "value.messagePayload must be an object."
            : extension["data"] is { } data && data.Type is not (JTokenType.Object or JTokenType.Null) ? "value.data must be an object."
            : null,
        _ => null,
    };

    private static int DepthOf(JToken token)
    {
        var deepest = 0;
        var pending = new Stack<(JToken Token, int Depth)>([(token, 1)]);
        while (pending.Count > 0)
        {
            var (current, depth) = pending.Pop();
            deepest = Math.Max(deepest, depth);
            if (depth > MaxValueDepth) return depth;
            foreach (var child in current.Children()) pending.Push((child is JProperty p ? p.Value : child, depth + 1));
        }
        return deepest;
    }
}
