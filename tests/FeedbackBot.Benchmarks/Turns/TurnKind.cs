using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Tests.Infrastructure;

namespace FeedbackBot.Benchmarks.Turns;

public enum TurnKind { SlackFloor, EchoFloor, EchoFloorSetUpOnce, SlackHelp, SlackReport, TeamsHelp, TeamsReport }

/// <summary>The requests of each kind of turn, shaped as Slack and Teams send them, each from its own person and conversation.</summary>
public static class TurnRequests
{
    public static string Name(this TurnKind kind) => kind switch
    {
        TurnKind.SlackFloor => "slack-floor",
        TurnKind.EchoFloor => "echo-floor",
        TurnKind.EchoFloorSetUpOnce => "echo-floor-set-up-once",
        TurnKind.SlackHelp => "slack-help",
        TurnKind.SlackReport => "slack-report",
        TurnKind.TeamsHelp => "teams-help",
        TurnKind.TeamsReport => "teams-report",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool IsSlack(this TurnKind kind) => kind is TurnKind.SlackFloor or TurnKind.SlackHelp or TurnKind.SlackReport;

    public static bool IsFloor(this TurnKind kind) => kind is TurnKind.SlackFloor or TurnKind.EchoFloor or TurnKind.EchoFloorSetUpOnce;

    /// <summary>Request <paramref name="n"/> of a phase; <paramref name="run"/> keeps people and conversations apart across phases.</summary>
    public static Arrival For(TurnKind kind, string run, int n, Uri sink, string signingSecret)
    {
        var text = kind is TurnKind.SlackReport or TurnKind.TeamsReport ? ReportText(run, n) : kind.IsFloor() ? $"hello {n}" : "help";
        if (kind.IsSlack())
        {
            var user = $"U{run}{n:000000}";
            var channel = $"D{run}{n:000000}";
            var envelope = SlackRequests.Event(new JsonObject
            {
                ["type"] = "message", ["channel"] = channel, ["user"] = user, ["text"] = text, ["channel_type"] = "im",
                ["ts"] = $"1700000000.{n:000000}", ["event_ts"] = $"1700000000.{n:000000}",
            }, $"Ev{run}{n:000000}");
            return new Arrival(() => SlackRequests.Request(SlackRequests.Events, envelope, SlackRequests.JsonContentType, signingSecret,
                DateTimeOffset.UtcNow.ToUnixTimeSeconds()), channel);
        }
        var aad = $"aad-{run.ToLowerInvariant()}-{n}";
        var conversation = $"a:bench-{run.ToLowerInvariant()}-{n}";
        var activity = new JsonObject
        {
            ["type"] = "message", ["id"] = Guid.NewGuid().ToString("N"), ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = sink.ToString(), ["channelId"] = "msteams", ["text"] = text,
            ["from"] = new JsonObject { ["id"] = $"29:{aad}", ["name"] = $"Bench person {n}", ["aadObjectId"] = aad },
            ["recipient"] = new JsonObject { ["id"] = "28:feedbackbot", ["name"] = "FeedbackBot" },
            ["conversation"] = new JsonObject { ["id"] = conversation, ["conversationType"] = "personal", ["tenantId"] = BotServer.TeamsTenant },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = BotServer.TeamsTenant } },
        }.ToJsonString();
        return new Arrival(() =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(activity, Encoding.UTF8) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return request;
        }, conversation);
    }

    /// <summary>
    /// A quick report the bot files at once: "broken" makes it a bug, and its other words are its own, so no open
    /// report (seeded or sent before it) is similar enough to be offered instead.
    /// </summary>
    private static string ReportText(string run, int n) =>
        $"report payments: broken r{run}{n}w1 r{run}{n}w2 r{run}{n}w3 r{run}{n}w4".ToLowerInvariant();
}
