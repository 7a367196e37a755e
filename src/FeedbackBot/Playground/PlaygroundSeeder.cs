using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FeedbackBot.Hosting;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Playground;

/// <summary>Whether the playground drives each platform: not when the operator connected a real Teams bot or Slack app.</summary>
public sealed record PlaygroundPlatforms(bool Teams, string TeamsNote, bool Slack, string SlackNote);

/// <summary>
/// Fills the playground the way people would: through the bot's real endpoints, a product manager sets the triage and
/// digest channels and writes road map items, consumers report, a survey goes out. Reports are filed as of a week ago
/// (the clock is set back while seeding), so the first digest has a week to tell and the triage reminder has overdue
/// reports to name. A reset wipes the playground's own tenant and workspace and seeds again.
/// </summary>
public sealed class PlaygroundSeeder(
    PlaygroundAddress address, IHttpClientFactory http, PlaygroundPeople people, PlaygroundTranscript transcript, PlaygroundSecrets secrets,
    PlaygroundClock clock, PlaygroundPlatforms platforms, PlaygroundStorageReset storage, IOptions<PlaygroundOptions> options,
    IOptions<CatalogOptions> catalog, ILogger<PlaygroundSeeder> log)
{
    private static readonly TimeSpan ReplyWait = TimeSpan.FromSeconds(60);
    private readonly SemaphoreSlim running = new(1, 1);

    public string State { get; private set; } = "starting";

    public string Detail { get; private set; } = "";

    /// <summary>Wipes (when <paramref name="reset"/>) and seeds; a second call while one runs waits for it and does nothing more.</summary>
    public async Task RunAsync(bool reset, CancellationToken cancellationToken)
    {
        if (!await running.WaitAsync(0, cancellationToken)) return;
        try
        {
            if (address.Local is null)
            {
                // Under a server with no socket (TestServer) nothing could be seeded, and nothing is wiped either.
                (State, Detail) = ("ready", "Not seeded: this server listens on no address the playground can call.");
                return;
            }
            State = "seeding";
            Detail = reset ? "Wiping the playground's data…" : "Writing sample data…";
            if (reset)
            {
                transcript.Clear();
                people.Reset();
                clock.Set(TimeSpan.Zero);
                await storage.RunAsync(cancellationToken);
            }
            if (!options.Value.Seed) (State, Detail) = ("ready", "Playground:Seed is false: nothing was seeded.");
            else
            {
                await SeedAsync(address.Local!, cancellationToken);
                (State, Detail) = ("ready", "");
            }
        }
        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TimeoutException or Azure.RequestFailedException)
        {
            log.LogError(e, "The playground could not be seeded");
            (State, Detail) = ("failed", $"Seeding failed: {e.Message} Press Reset to try again; the log has the details.");
        }
        finally
        {
            clock.Set(TimeSpan.Zero);
            transcript.Touch();
            running.Release();
        }
    }

    private async Task SeedAsync(Uri local, CancellationToken cancellationToken)
    {
        var client = http.CreateClient("playground");
        client.BaseAddress = local;
        var (pm, maya, jordan) = (people.Find("sam")!, people.Find("maya")!, people.Find("jordan")!);
        var (triage, developers) = (PlaygroundWorld.Channel("triage"), PlaygroundWorld.Channel("developers"));

        clock.Set(TimeSpan.FromDays(-7));
        if (platforms.Teams)
        {
            Detail = "Teams: channels, road map, reports…";
            await TeamsSayAsync(client, pm, "triage here all", triage, cancellationToken);
            await TeamsSayAsync(client, pm, "digest here all", developers, cancellationToken);
            foreach (var (api, title, description, status, target) in RoadmapItems.Where(i => Known(i.Api)))
            {
                await TeamsExecuteAsync(client, pm, "roadmap.save", new JsonObject
                {
                    ["apiId"] = api, ["itemId"] = "", ["etag"] = "", ["title"] = title, ["description"] = description, ["status"] = status, ["target"] = target,
                }, cancellationToken);
            }
            // One quick report in words, the rest through the form, as people do both.
            await TeamsSayAsync(client, maya, "report payments: refunds fail with a 500 error when the amount has three decimals", null, cancellationToken);
            foreach (var (person, form) in new[] { (jordan, FeatureRequest), (jordan, Question) }.Where(f => Known((string)f.Item2["api"]!)))
                await TeamsExecuteAsync(client, person, "feedback.submit", (JsonObject)form.DeepClone(), cancellationToken);
        }
        if (platforms.Slack)
        {
            Detail = "Slack: channels and a report…";
            await SlackSayAsync(client, pm, "triage here all", triage, cancellationToken);
            await SlackSayAsync(client, pm, "digest here all", developers, cancellationToken);
            var reportApi = Known("webhooks") ? "webhooks" : "payments";
            await SlackSayAsync(client, maya, $"report {reportApi}: the signature check fails for payloads with emoji", null, cancellationToken);
            foreach (var (api, title, description, status, target) in RoadmapItems.Take(2))
            {
                await SlackFormAsync(client, pm, $"roadmap add {api}", new Dictionary<string, string>
                {
                    ["title"] = title, ["description"] = description, ["status"] = status, ["target"] = target,
                }, cancellationToken);
            }
        }
        clock.Set(TimeSpan.Zero);
        if (platforms.Teams)
        {
            Detail = "Teams: a survey to the developers channel…";
            await TeamsSayAsync(client, pm, "survey new nps payments members closes 7d remind 2d", developers, cancellationToken);
        }
    }

    private static readonly (string Api, string Title, string Description, string Status, string Target)[] RoadmapItems =
    [
        ("payments", "Idempotency keys on every POST", "Send Idempotency-Key and a retried call never charges twice.", "InProgress", "2026-12"),
        ("payments", "Refunds in the payouts report",
            "Each payout lists the refunds it nets out, so reconciliation needs no second call.", "Planned", "2027-Q1"),
        ("identity", "Passkeys for the developer portal", "Sign in to the portal without a password.", "Considering", ""),
    ];

    private static readonly JsonObject FeatureRequest = new()
    {
        ["sourceLink"] = "", ["api"] = "payments", ["kind"] = "FeatureRequest", ["title"] = "Filter payouts by currency",
        ["details"] = "We pay out in EUR, GBP and USD; GET /v2/payouts returns all three mixed, so every report starts with a client-side filter.",
        ["impact"] = "", ["requestId"] = "", ["endpoint"] = "GET /v2/payouts",
    };

    private static readonly JsonObject Question = new()
    {
        ["sourceLink"] = "", ["api"] = "identity", ["kind"] = "Question", ["title"] = "Rotating client secrets without downtime",
        ["details"] = "Can two client secrets be valid at once while our pods pick up the new one? The docs only show one.",
        ["impact"] = "", ["requestId"] = "", ["endpoint"] = "",
    };

    private async Task TeamsSayAsync(HttpClient client, PlaygroundPerson person, string text, PlaygroundChannel? channel, CancellationToken cancellationToken)
    {
        var id = transcript.NextId("pg-user-");
        var conversation = channel?.TeamsId ?? person.TeamsChat;
        transcript.Add(new PlaygroundMessage(id, "teams", conversation, person.Id, text, Thread: channel is null ? null : id));
        var activity = PlaygroundTurns.TeamsMessage(client.BaseAddress!, person, id, text, channel);
        using var response = await client.PostAsJsonAsync("api/messages", activity, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The bot answered {(int)response.StatusCode} to \"{text}\" from {person.Name} on Teams.");
    }

    private async Task TeamsExecuteAsync(HttpClient client, PlaygroundPerson person, string verb, JsonObject data, CancellationToken cancellationToken)
    {
        var activity = PlaygroundTurns.TeamsExecute(client.BaseAddress!, person, verb, data);
        using var response = await client.PostAsJsonAsync("api/messages", activity, cancellationToken);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        if (!response.IsSuccessStatusCode || (int?)answer?["statusCode"] is not 200)
            throw new InvalidOperationException(
                $"The bot refused {verb} from {person.Name} on Teams: {answer?.ToJsonString() ?? response.StatusCode.ToString()}");
        // Teams replaces the submitted form with the answer's card: the person's chat shows that card.
        if ((string?)answer!["type"] == TeamsConnectorStandIn.AdaptiveCard)
            transcript.Add(new PlaygroundMessage(transcript.NextId("pg-bot-"), "teams", person.TeamsChat, "bot", "", answer["value"]?.DeepClone()));
    }

    /// <summary>Slack acknowledges at once and answers later: wait until the bot's answer arrives in that conversation.</summary>
    private async Task SlackSayAsync(HttpClient client, PlaygroundPerson person, string text, PlaygroundChannel? channel, CancellationToken cancellationToken)
    {
        var conversation = channel?.SlackId ?? person.SlackDm;
        var before = BotMessages(conversation);
        var ts = $"{clock.GetUtcNow().ToUnixTimeSeconds()}.{transcript.NextId("").PadLeft(6, '0')}";
        transcript.Add(new PlaygroundMessage(ts, "slack", conversation, person.Id, channel is null ? text : $"@{PlaygroundWorld.BotName} {text}"));
        var body = PlaygroundTurns.SlackEvent(person, ts, text, channel);
        using var response = await SlackPostAsync(client, "api/slack/events", body, "application/json", cancellationToken);
        await WaitAsync(() => BotMessages(conversation) > before ? "answered" : null, $"an answer to \"{text}\" on Slack", cancellationToken);
    }

    /// <summary>A slash command that opens a modal, then the modal submitted with <paramref name="values"/> by block id.</summary>
    private async Task SlackFormAsync(HttpClient client, PlaygroundPerson person, string command, IReadOnlyDictionary<string, string> values,
        CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>
        {
            ["token"] = "playground", ["team_id"] = PlaygroundWorld.SlackTeam, ["team_domain"] = PlaygroundWorld.SlackTeamDomain,
            ["channel_id"] = person.SlackDm, ["channel_name"] = "directmessage", ["user_id"] = person.SlackUser, ["user_name"] = person.Id,
            ["command"] = "/feedback", ["text"] = command, ["api_app_id"] = PlaygroundWorld.SlackAppId,
            ["response_url"] = $"https://hooks.slack.com/commands/{PlaygroundWorld.SlackTeam}/1/playground", ["trigger_id"] = PlaygroundTurns.Trigger(person),
        };
        (await SlackPostAsync(client, "api/slack/commands", PlaygroundTurns.Form(fields), "application/x-www-form-urlencoded", cancellationToken)).Dispose();
        var modal = await WaitAsync(() => transcript.Modals(person.SlackUser).LastOrDefault(), $"the form of \"{command}\" on Slack", cancellationToken);

        var submission = PlaygroundTurns.SlackSubmission(person, modal, values);
        using var response = await SlackPostAsync(client, "api/slack/interactivity", PlaygroundTurns.Form(new() { ["payload"] = submission.ToJsonString() }),
            "application/x-www-form-urlencoded", cancellationToken);
        var answer = await response.Content.ReadAsStringAsync(cancellationToken);
        if (answer.Contains("\"errors\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"The bot refused the form of \"{command}\": {answer}");
        transcript.CloseModal(person.SlackUser, all: true);
    }

    private async Task<HttpResponseMessage> SlackPostAsync(HttpClient client, string path, string body, string contentType, CancellationToken cancellationToken)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Slack-Signature", PlaygroundTurns.Signature(secrets.SlackSigningSecret, timestamp, body));
        var response = await client.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"The bot answered {(int)response.StatusCode} to a Slack request on {path}.");
        return response;
    }

    private async Task<T> WaitAsync<T>(Func<T?> found, string what, CancellationToken cancellationToken) where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReplyWait);
        while (true)
        {
            var changed = transcript.Changed;
            if (found() is { } value) return value;
            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"The bot did not show {what} within {ReplyWait.TotalSeconds:0} s.");
            }
        }
    }

    /// <summary>The sample APIs join the catalog only while the playground drives both platforms (see PlaygroundSetup).</summary>
    private bool Known(string api) => catalog.Value.Apis.Any(a => a.Id == api);

    private int BotMessages(string conversation) => transcript.Messages("slack", conversation).Count(m => m.From == "bot");
}
