namespace FeedbackBot.Playground;

/// <summary>The playground's own Teams tenant and Slack workspace: ids nobody else uses, so its data never mixes with a real tenant's.</summary>
public static class PlaygroundWorld
{
    public const string TeamsTenant = "playground-tenant";
    public const string TeamsTeam = "19:pg-team@thread.tacv2";
    public const string TeamsBotId = "28:feedbackbot-playground";
    public const string BotName = "FeedbackBot";
    public const string SlackTeam = "TPLAYGROUND";
    public const string SlackTeamDomain = "playground";
    public const string SlackBotUser = "U0FEEDBACKBOT";
    public const string SlackBotId = "B0FEEDBACKBOT";
    public const string SlackAppId = "A0PLAYGROUND";

    /// <summary>Where the page and the seeding point the bot's Teams replies (the activity's serviceUrl), under the app's own address.</summary>
    public const string TeamsConnectorPath = "/playground/teams/";

    /// <summary>Slack's Web API stand-in; the bot's Slack client is pointed here (see <see cref="SlackLoopback"/>).</summary>
    public const string SlackApiPath = "/playground/slack/api/";

    public static readonly IReadOnlyList<PlaygroundChannel> Channels =
    [
        new("triage", "api-triage", "Where product managers triage new reports", "19:pg-api-triage@thread.tacv2", "C0APITRIAGE"),
        new("developers", "developers", "Everyone who builds on our APIs; gets the weekly digest", "19:pg-developers@thread.tacv2", "C0DEVELOPERS"),
    ];

    public static PlaygroundChannel Channel(string key) => Channels.First(c => c.Key == key);

    /// <summary>The tenant keys the bot files the playground's data under (see Storage/README.md).</summary>
    public static readonly IReadOnlyList<string> TenantKeys = [$"teams:{TeamsTenant}", $"slack:{SlackTeam}"];
}

/// <summary>A channel that exists on both platforms.</summary>
public sealed record PlaygroundChannel(string Key, string Name, string Purpose, string TeamsId, string SlackId);
