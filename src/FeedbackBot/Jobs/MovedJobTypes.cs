using Hangfire.Common;

namespace FeedbackBot.Jobs;

/// <summary>
/// Hangfire stores each job by its class's full name. Jobs enqueued before a class moved to another namespace (a
/// survey delivery waiting for its retry while the new version is deployed) name the old place: this finds them the
/// class where it lives now. Every other name goes to Hangfire's own resolver.
/// </summary>
public static class MovedJobTypes
{
    private static readonly Dictionary<string, Type> Moved = new(StringComparer.Ordinal)
    {
        ["FeedbackBot.Surveys.SurveyJob"] = typeof(SurveyJob),
        ["FeedbackBot.Slack.SlackInboxMaintenance"] = typeof(SlackInboxMaintenance),
    };

    public static Type Resolve(string typeName)
    {
        // Stored as "Namespace.Class, Assembly" (the simple assembly name serializer).
        var comma = typeName.IndexOf(',');
        var name = (comma < 0 ? typeName : typeName[..comma]).Trim();
        return Moved.TryGetValue(name, out var type) ? type : TypeHelper.DefaultTypeResolver(typeName);
    }
}
