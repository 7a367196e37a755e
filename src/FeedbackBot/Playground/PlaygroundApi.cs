using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Jobs;
using FeedbackBot.Surveys;
using Hangfire;

namespace FeedbackBot.Playground;

/// <summary>
/// What the page asks of the playground besides the bot's own endpoints: the cast, the transcript, a change feed,
/// signatures for its Slack requests, the jobs, the clock and the reset.
/// </summary>
public static class PlaygroundApi
{
    public static readonly IReadOnlyDictionary<string, (string JobId, string Label)> Jobs = new Dictionary<string, (string, string)>
    {
        ["digest"] = (WeeklyDigestJob.Id, "the weekly road map digest"),
        ["reminders"] = (TriageReminderJob.Id, "the triage reminders"),
        ["surveys"] = (SurveyJob.Id, "a survey scheduler pass"),
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/playground/api");
        api.MapGet("/state", State);
        api.MapGet("/conversation", Conversation);
        api.MapGet("/events", Events);
        api.MapPost("/said", Said);
        api.MapPost("/slack/sign", Sign);
        api.MapPost("/slack/modal", Modal);
        api.MapPost("/people", AddPerson);
        api.MapPost("/jobs/{job}", RunJob);
        api.MapPost("/clock", SkipDays);
        api.MapPost("/reset", (PlaygroundSeeder seeder, IHostApplicationLifetime lifetime) =>
        {
            _ = Task.Run(() => seeder.RunAsync(reset: true, lifetime.ApplicationStopping));
            return Results.Accepted(value: new { message = "Resetting: the playground's data is wiped and seeded again." });
        });
    }

    private static IResult State(PlaygroundTranscript transcript, PlaygroundPeople people, PlaygroundSeeder seeder, PlaygroundClock clock,
        PlaygroundPlatforms platforms, PlaygroundPage page) => Results.Json(new
        {
            version = transcript.Version,
            seeding = new { state = seeder.State, detail = seeder.Detail },
            clock = new { now = clock.GetUtcNow(), skippedDays = (int)Math.Round(clock.Offset.TotalDays) },
            platforms = new
            {
                teams = new { on = platforms.Teams, note = platforms.TeamsNote },
                slack = new { on = platforms.Slack, note = platforms.SlackNote },
            },
            renderer = page.HasRenderer,
            people = people.All.Select(p => new
            {
                p.Id, p.Name, role = p.Role == PlaygroundRole.ProductManager ? "pm" : "consumer", p.Title,
                p.TeamsAad, p.TeamsId, p.TeamsChat, p.SlackUser, p.SlackDm,
            }),
            channels = PlaygroundWorld.Channels,
            world = new
            {
                tenant = PlaygroundWorld.TeamsTenant, team = PlaygroundWorld.TeamsTeam, teamsBot = PlaygroundWorld.TeamsBotId, botName = PlaygroundWorld.BotName,
                slackTeam = PlaygroundWorld.SlackTeam, slackBotUser = PlaygroundWorld.SlackBotUser, slackAppId = PlaygroundWorld.SlackAppId,
                connector = PlaygroundWorld.TeamsConnectorPath,
            },
            conversations = transcript.Summary().ToDictionary(c => c.Key, c => new { count = c.Value.Count, latest = c.Value.Latest }),
        });

    /// <summary>
    /// One conversation as <paramref name="viewer"/> sees it (Slack's ephemeral messages only to their person), with
    /// their Slack modals and Home tab.
    /// </summary>
    private static IResult Conversation(string platform, string id, string? viewer, PlaygroundTranscript transcript, PlaygroundPeople people)
    {
        var person = viewer is null ? null : people.Find(viewer);
        var messages = transcript.Messages(platform, id).Where(m => m.VisibleTo is null || m.VisibleTo == person?.SlackUser);
        var user = person?.SlackUser ?? "";
        return Results.Json(new
        {
            messages,
            modals = platform == "slack" ? transcript.Modals(user) : [],
            home = platform == "slack" ? transcript.Home(user) : null,
        });
    }

    /// <summary>Server-sent events: the transcript's version whenever it changes (and every 20 s, to keep proxies from closing the stream).</summary>
    private static async Task Events(HttpContext context, PlaygroundTranscript transcript, IHostApplicationLifetime lifetime)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var changed = transcript.Changed;
                await context.Response.WriteAsync($"data: {transcript.Version}\n\n", stop.Token);
                await context.Response.Body.FlushAsync(stop.Token);
                await Task.WhenAny(changed, Task.Delay(TimeSpan.FromSeconds(20), stop.Token));
                // Several changes close together make one event.
                await Task.Delay(50, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public sealed record SaidRequest(string Platform, string Conversation, string Person, string Text, string? Thread, string? Kind);

    /// <summary>
    /// Records what a person wrote, as the platform shows it to everyone in the conversation; returns the message's id
    /// (Teams) or ts (Slack).
    /// </summary>
    private static IResult Said(SaidRequest said, PlaygroundTranscript transcript, PlaygroundPeople people, TimeProvider time)
    {
        if (people.Find(said.Person) is not { } person) return Results.BadRequest(new { error = $"Nobody called '{said.Person}' is in the playground." });
        if (said.Platform is not ("teams" or "slack")) return Results.BadRequest(new { error = "platform is teams or slack." });
        if (string.IsNullOrWhiteSpace(said.Text) || said.Text.Length > 4000)
            return Results.BadRequest(new { error = "Write something (at most 4,000 characters)." });
        var id = said.Platform == "teams"
            ? transcript.NextId("pg-user-")
            : $"{time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}.{transcript.NextId("").PadLeft(6, '0')}";
        var thread = said.Thread ?? (said.Platform == "teams" && said.Conversation.StartsWith("19:", StringComparison.Ordinal) ? id : null);
        transcript.Add(new PlaygroundMessage(id, said.Platform, said.Conversation, person.Id, said.Text, Thread: thread, Kind: said.Kind ?? "message"));
        return Results.Ok(new { id });
    }

    /// <summary>Signs a Slack request body with the workspace's signing secret, timestamped by the bot's clock.</summary>
    private static async Task<IResult> Sign(HttpRequest request, PlaygroundSecrets secrets, TimeProvider time)
    {
        var body = await new StreamReader(request.Body).ReadToEndAsync(request.HttpContext.RequestAborted);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        var signature = PlaygroundTurns.Signature(secrets.SlackSigningSecret, timestamp, body);
        return Results.Ok(new { timestamp = timestamp.ToString(CultureInfo.InvariantCulture), signature });
    }

    public sealed record ModalRequest(string Person, string Action, JsonObject? View);

    /// <summary>What Slack does with a submission's answer: close the modal (empty 200), clear the stack, update or push a view.</summary>
    private static IResult Modal(ModalRequest request, PlaygroundTranscript transcript, PlaygroundPeople people)
    {
        if (people.Find(request.Person) is not { } person) return Results.BadRequest(new { error = $"Nobody called '{request.Person}' is in the playground." });
        switch (request.Action)
        {
            case "close": transcript.CloseModal(person.SlackUser, all: false); break;
            case "clear": transcript.CloseModal(person.SlackUser, all: true); break;
            case "update" when request.View is not null: transcript.ReplaceTopModal(person.SlackUser, request.View); break;
            case "push" when request.View is not null: transcript.OpenModal(person.SlackUser, request.View, push: true); break;
            default: return Results.BadRequest(new { error = "action is close, clear, update (with a view) or push (with a view)." });
        }
        return Results.NoContent();
    }

    public sealed record PersonRequest(string Name, string Role, string? Title);

    private static IResult AddPerson(PersonRequest request, PlaygroundPeople people)
    {
        if (request.Role is not ("consumer" or "pm")) return Results.BadRequest(new { error = "role is consumer or pm." });
        var role = request.Role == "pm" ? PlaygroundRole.ProductManager : PlaygroundRole.Consumer;
        var (person, refusal) = people.Add(request.Name ?? "", role, request.Title?.Trim() ?? "");
        return person is null ? Results.BadRequest(new { error = refusal }) : Results.Ok(new { person.Id, person.Name });
    }

    /// <summary>Triggers the recurring job now, as the Hangfire dashboard's "Trigger now" does: the same job, the same de-duplication.</summary>
    private static IResult RunJob(string job, IRecurringJobManager jobs, PlaygroundTranscript transcript)
    {
        if (!Jobs.TryGetValue(job, out var known)) return Results.NotFound(new { error = $"No job '{job}'. Jobs: {string.Join(", ", Jobs.Keys)}." });
        jobs.Trigger(known.JobId);
        transcript.Touch();
        return Results.Accepted(value: new { message = $"Started {known.Label} (Hangfire job {known.JobId}); what it sends appears in the chats." });
    }

    public sealed record ClockRequest(int Days);

    private static IResult SkipDays(ClockRequest request, PlaygroundClock clock, PlaygroundTranscript transcript)
    {
        if (request.Days is < 1 or > 14) return Results.BadRequest(new { error = "Skip 1 to 14 days at a time." });
        if (clock.Offset.TotalDays + request.Days > PlaygroundClock.MaxSkipDays)
            return Results.BadRequest(new { error = $"The playground skips at most {PlaygroundClock.MaxSkipDays} days ahead; reset it to start over." });
        clock.Skip(TimeSpan.FromDays(request.Days));
        transcript.Touch();
        return Results.Ok(new { now = clock.GetUtcNow(), skippedDays = (int)Math.Round(clock.Offset.TotalDays) });
    }
}
