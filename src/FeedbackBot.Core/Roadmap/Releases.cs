using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.GoToMarket;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.Roadmap;

/// <summary>A release as the form gave it.</summary>
public sealed record Release(string ApiId, string Version, string Notes, DateOnly Date, IReadOnlyList<string> Shipped, IReadOnlyList<(string Title, string Url)> Links);

/// <summary>
/// <c>release &lt;api&gt; &lt;version&gt;</c> and its Publish: the announcement goes to every channel subscribed to the
/// API (once per channel, even if Publish is clicked twice), and the items it ships close their loops.
/// </summary>
public sealed class ReleaseHandler(
    IRoadmapStore items, ISubscriptionStore subscriptions, RoadmapDesk desk, IMessenger messenger, IDeliveryLog deliveries,
    IReleasePlanStore plans, ReleasePlanCards planCards, ApiResolver apis, ApiAccess access, CardTemplates cards, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var parts = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var wanted = turn.Action?.Get("apiId") ?? (parts.Length > 0 ? parts[0] : "");
        var version = TurnRouter.Normalize(turn.Action?.Get("version") ?? (parts.Length > 1 ? parts[1] : ""));
        if (wanted.Length == 0 || version.Length == 0) return [new Reply.Text("Say which API and version: `release <api> <version>`, e.g. `release payments 2.4`.")];
        if (version.Length > 40) return [new Reply.Text("A version has at most 40 characters.")];
        var found = await apis.FindAsync(turn.TenantKey, wanted, cancellationToken);
        if (found.Entry is not { } api) return [found.Instead!];
        if (!await access.MayManageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
            return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers can announce its releases.")];

        var open = (await items.ListAsync(turn.TenantKey, api.Api.Id, cancellationToken)).Where(i => i.IsOpen).ToList();
        var plan = await plans.GetAsync(turn.TenantKey, api.Api.Id, version, cancellationToken);
        if (plan?.Published is { } done)
            return [new Reply.Text($"{api.Api.Name} {version} was published on {ReleasePlanCards.Day(done.At)} by {done.By}; nothing was sent again.")];
        if (turn.Action?.Verb is not (RoadmapVerbs.Publish or RoadmapVerbs.Confirm)) return [Form(api.Api, version, open, plan)];

        var (release, errors) = Read(turn.Action.Data, api.Api.Id, version, open);
        if (release is null) return [new Reply.FieldErrors(Form(api.Api, version, open, plan, turn.Action.Data, errors), errors)];
        if (turn.Action.Verb == RoadmapVerbs.Publish) return [await PreviewAsync(turn, api.Api, release, open, plan, cancellationToken)];
        var (posted, told, replies) = await PublishAsync(turn, api.Api, release, cancellationToken);
        await RecordAsync(turn, api.Api, version, posted, told, cancellationToken);
        return replies;
    }

    /// <summary>Before anything is sent: who will hear (channels, people told about shipped items) and which required steps are open.</summary>
    private async Task<Reply> PreviewAsync(Turn turn, ApiEntry api, Release release, IReadOnlyList<RoadmapItem> open, ReleasePlan? plan, CancellationToken cancellationToken)
    {
        var channels = (await subscriptions.ListAsync(turn.TenantKey, cancellationToken)).Where(s => s.Active && s.Covers(api.Id)).ToList();
        var people = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in open.Where(i => release.Shipped.Contains(i.ItemId)))
            people.UnionWith((await desk.PeopleToTellAsync(item, cancellationToken)).Keys);
        var data = turn.Action!.Data;
        string Get(string input) => data[input] is JsonValue v ? v.ToString() : "";
        var card = cards.Expand("release-confirm", new
        {
            apiName = api.Name, version = release.Version, people = people.Count,
            channels = channels.Select(c => new { name = c.ApiIds.Contains(DigestSubscription.AllApis) ? "A channel following every API" : $"A channel following {api.Name}" }),
            openRequired = plan?.OpenRequired().Select(s => s.Title).ToList() ?? [],
            release = new
            {
                apiId = api.Id, version = release.Version, notes = Get("notes"), date = Get("date"), shipped = Get("shipped"),
                changelogUrl = Get("changelogUrl"), docsUrl = Get("docsUrl"), migrationUrl = Get("migrationUrl"),
            },
        });
        return new Reply.UpdateCard(card, $"Publish {api.Name} {release.Version}? Nothing is sent until you confirm.");
    }

    /// <summary>The plan remembers what went out, and its readiness card says so for everyone.</summary>
    private async Task RecordAsync(Turn turn, ApiEntry api, string version, int channels, int told, CancellationToken cancellationToken)
    {
        var publication = new PlanPublication(time.GetUtcNow(), turn.User.Label, channels, told, []);
        var recorded = await plans.UpdateAsync(turn.TenantKey, ReleasePlan.Keys(api.Id, version), p => p.Published is null
            ? p with { Published = publication with { OpenRequired = p.OpenRequired().Select(s => s.Title).ToList() } }
            : null, cancellationToken);
        if (recorded?.Card is { } posted)
            await messenger.UpdateAsync(posted, new Reply.Card(planCards.Readiness(recorded, api.Name), $"{api.Name} {version}: published"), cancellationToken);
    }

    private async Task<(int Posted, int Told, IReadOnlyList<Reply> Replies)> PublishAsync(Turn turn, ApiEntry api, Release release, CancellationToken cancellationToken)
    {
        var shipped = new List<RoadmapItem>();
        var told = 0;
        foreach (var itemId in release.Shipped)
        {
            var read = await items.GetAsync(turn.TenantKey, itemId, cancellationToken);
            if (read is null || !read.Item.IsOpen) continue;
            var (moved, count) = await desk.MoveAsync(read, RoadmapStatus.Shipped, $"Shipped in {api.Name} {release.Version}.", turn.User, cancellationToken);
            if (moved is not null) shipped.Add(moved);
            told += count;
        }

        var card = cards.Expand("release-announcement", new
        {
            apiName = api.Name, version = release.Version, date = release.Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture), notes = release.Notes,
            shipped = shipped.Select(i => new { itemId = i.ItemId, title = i.Title }), links = release.Links.Select(l => new { title = l.Title, url = l.Url }), by = turn.User.Label,
        });
        var channels = (await subscriptions.ListAsync(turn.TenantKey, cancellationToken)).Where(s => s.Active && s.Covers(api.Id)).ToList();
        var posted = 0;
        var delivery = $"release|{turn.TenantKey}|{api.Id}|{release.Version}";
        foreach (var channel in channels)
        {
            var destination = channel.Channel.Address.ConversationId;
            if (!await deliveries.TryStartAsync(delivery, destination, cancellationToken)) continue;
            try
            {
                var sent = await messenger.PostAsync(channel.Channel, new Reply.Card(card, $"{api.Name} {release.Version} is out"), null, cancellationToken);
                await deliveries.CompleteAsync(delivery, destination, sent.MessageId, cancellationToken);
                posted++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                await deliveries.ReleaseAsync(delivery, destination, CancellationToken.None);
            }
        }
        return (posted, told, [new Reply.UpdateCard(card, $"{api.Name} {release.Version} published"),
            new Reply.Text($"Published {api.Name} {release.Version}: announced in {posted} of {channels.Count} subscribed channel(s); {shipped.Count} road map item(s) shipped; {told} people told.")]);
    }

    private Reply.Form Form(ApiEntry api, string version, IReadOnlyList<RoadmapItem> open, ReleasePlan? plan, JsonObject? typed = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        string Value(string input, string fallback = "") => typed?[input] is JsonValue v ? v.ToString() : fallback;
        var date = plan?.Target ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var data = new
        {
            heading = $"Release {api.Name} {version}", apiId = api.Id, apiName = api.Name, version,
            notes = Value("notes"), date = Value("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            items = open.Select(i => new { itemId = i.ItemId, title = i.Title }), shipped = Value("shipped", string.Join(",", plan?.Shipped ?? [])),
            changelogUrl = Value("changelogUrl"), docsUrl = Value("docsUrl"), migrationUrl = Value("migrationUrl"),
            errors = errors ?? new Dictionary<string, string>(),
        };
        return new Reply.Form(cards.Expand("release-form", data), "Release", RoadmapVerbs.Publish, new CardAction(RoadmapVerbs.OpenRelease, new() { ["apiId"] = api.Id, ["version"] = version }));
    }

    public static (Release? Release, IReadOnlyDictionary<string, string> Errors) Read(JsonObject data, string apiId, string version, IReadOnlyList<RoadmapItem> open)
    {
        var errors = new Dictionary<string, string>();
        string Get(string input) => data[input] is JsonValue v ? v.ToString().Trim() : "";
        var notes = ReportForm.CleanMultiline(Get("notes"));
        if (notes.Length == 0) errors["notes"] = "Write the release notes: what changes for consumers.";
        else if (notes.Length > 4000) errors["notes"] = $"At most 4,000 characters, please (this has {notes.Length:N0}).";
        if (!DateOnly.TryParseExact(Get("date"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) errors["date"] = "Pick the release date.";
        var shipped = Get("shipped").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).Distinct().ToList();
        if (shipped.Any(id => open.All(i => i.ItemId != id))) errors["shipped"] = "Pick only open items of this API's road map.";
        var links = new List<(string, string)>();
        foreach (var (input, title) in new[] { ("changelogUrl", "Changelog"), ("docsUrl", "Docs"), ("migrationUrl", "Migration guide") })
        {
            var url = Get(input);
            if (url.Length == 0) continue;
            if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")) errors[input] = "Give a full web address starting with https://, or leave it empty.";
            else links.Add((title, url));
        }
        return errors.Count > 0 ? (null, errors) : (new Release(apiId, version, notes, date, shipped, links), errors);
    }
}
