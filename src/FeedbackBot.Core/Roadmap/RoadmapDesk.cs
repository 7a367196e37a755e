using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Roadmap;

/// <summary>Creates and moves road map items, and closes the loop when one ships or is dropped.</summary>
public sealed class RoadmapDesk(IRoadmapStore items, IReportStore reports, IMessenger messenger, IDeliveryLog deliveries, ApiCatalog catalog, RoadmapCards cards, TimeProvider time)
{
    public async Task<string> ApiNameAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        (await catalog.FindAsync(tenantKey, apiId, cancellationToken))?.Api.Name ?? apiId;

    public async Task<RoadmapItem> CreateAsync(string tenantKey, string apiId, RoadmapForm.Values values, Person by, IReadOnlyList<string> linked, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var item = new RoadmapItem(tenantKey, apiId, await items.NextItemIdAsync(tenantKey, cancellationToken), values.Title, values.Description, values.Status,
            values.Target, linked, 0, 0, now, now, "", [new ReportEvent(now, by.Label, $"Added as {RoadmapCards.Label(values.Status)}")]);
        await items.AddAsync(item, cancellationToken);
        return item;
    }

    /// <summary>Moves an item (ETag: one move wins); shipping or dropping tells everyone who asked for it, once each.</summary>
    public async Task<(RoadmapItem? Moved, int Told)> MoveAsync(StoredRoadmapItem read, RoadmapStatus status, string note, Person by, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var text = note.Length == 0 ? $"Moved to {RoadmapCards.Label(status)}" : $"Moved to {RoadmapCards.Label(status)}: {note}";
        var moved = read.Item with { Status = status, StatusChangedAt = now, Note = status is RoadmapStatus.Shipped or RoadmapStatus.Dropped ? note : read.Item.Note };
        moved = moved.With(new ReportEvent(now, by.Label, text));
        if (await items.UpdateAsync(read.Item.TenantKey, read.Item.ItemId, _ => moved, read.ETag, cancellationToken) is null) return (null, 0);
        // Followers hear each step forward (planned, started, shipped, dropped); back to Considering is not news.
        var told = status == RoadmapStatus.Considering ? 0 : await CloseLoopAsync(moved, by, cancellationToken, note);
        return (moved, told);
    }

    /// <summary>A new target for an open item: everyone who asked for it hears it, once per person per target.</summary>
    public Task<int> TellNewTargetAsync(RoadmapItem item, Person by, CancellationToken cancellationToken) =>
        item.IsOpen && item.Target.Length > 0
            ? TellAsync(item, by, $"New target {item.Target}: {item.Title}", "", $"roadmap|{item.TenantKey}|{item.ItemId}|target|{item.Target}", cancellationToken)
            : Task.FromResult(0);

    /// <summary>
    /// Every reporter of a linked report, every voter and every follower gets ONE personal message, whatever
    /// the number of ways they asked; the delivery log keeps a retried or repeated ship from telling anyone twice.
    /// </summary>
    public Task<int> CloseLoopAsync(RoadmapItem item, Person by, CancellationToken cancellationToken, string note = "") =>
        TellAsync(item, by, Headline(item), item.IsOpen ? note : item.Note, $"roadmap|{item.TenantKey}|{item.ItemId}|{item.Status}", cancellationToken);

    private static string Headline(RoadmapItem item) => item.Status switch
    {
        RoadmapStatus.Shipped => $"Shipped: {item.Title}",
        RoadmapStatus.Dropped => $"Dropped: {item.Title}",
        RoadmapStatus.InProgress => $"Started: {item.Title}",
        RoadmapStatus.Planned => item.Target.Length > 0 ? $"Planned for {item.Target}: {item.Title}" : $"Planned: {item.Title}",
        _ => $"{RoadmapCards.Label(item.Status)}: {item.Title}",
    };

    private async Task<int> TellAsync(RoadmapItem item, Person by, string headline, string note, string delivery, CancellationToken cancellationToken)
    {
        var people = await PeopleToTellAsync(item, cancellationToken);
        var apiName = await ApiNameAsync(item.TenantKey, item.ApiId, cancellationToken);
        var told = 0;
        foreach (var (key, (who, reasons)) in people)
        {
            if (!await deliveries.TryStartAsync(delivery, key, cancellationToken)) continue;
            try
            {
                var card = cards.Update(item, apiName, headline, note, by.Label, reasons);
                var sent = await messenger.NotifyAsync(who.Person, who.SeenIn, new Reply.Card(card, headline), cancellationToken);
                await deliveries.CompleteAsync(delivery, key, sent.MessageId, cancellationToken);
                told++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreachable person must not stop the others; the messenger logged why. Released for a later retry.
                await deliveries.ReleaseAsync(delivery, key, CancellationToken.None);
            }
        }
        return told;
    }

    /// <summary>Everyone who asked for the item (reporters of its linked reports, voters, followers), once each, with every way they asked.</summary>
    public async Task<Dictionary<string, (Supporter Who, List<string> Reasons)>> PeopleToTellAsync(RoadmapItem item, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, (Supporter Who, List<string> Reasons)>(StringComparer.OrdinalIgnoreCase);
        void Add(Supporter who, string reason)
        {
            if (!people.TryGetValue(who.Person.Key, out var entry)) people[who.Person.Key] = entry = (who, []);
            entry.Reasons.Add(reason);
        }

        foreach (var shortId in item.LinkedReports)
        {
            if (await reports.GetAsync(item.TenantKey, shortId, cancellationToken) is { } linked)
                Add(new Supporter(linked.Report.Reporter, linked.Report.ReporterSeenIn), $"you reported {shortId}");
        }
        foreach (var voter in await items.ListSupportersAsync(item.TenantKey, item.ItemId, SupportKind.Vote, cancellationToken)) Add(voter, "you voted for it");
        foreach (var follower in await items.ListSupportersAsync(item.TenantKey, item.ItemId, SupportKind.Follow, cancellationToken)) Add(follower, "you follow it");
        return people;
    }

    /// <summary>Links a report to an item of the same API (idempotent), the store retrying concurrent changes; null when there is no such item.</summary>
    public async Task<RoadmapItem?> LinkAsync(string tenantKey, string apiId, string itemId, string shortId, Person by, CancellationToken cancellationToken)
    {
        var read = await items.GetAsync(tenantKey, itemId, cancellationToken);
        if (read is null || read.Item.ApiId != apiId) return null;
        var linked = await items.UpdateAsync(tenantKey, itemId, item => item.LinkedReports.Contains(shortId)
            ? null
            : (item with { LinkedReports = item.LinkedReports.Append(shortId).ToList() }).With(new ReportEvent(time.GetUtcNow(), by.Label, $"Linked {shortId}")),
            ifVersion: null, cancellationToken);
        // Declined: it was linked already (by an earlier or a concurrent click).
        return linked ?? (await items.GetAsync(tenantKey, itemId, cancellationToken))?.Item;
    }

    /// <summary>A vote or follow, once per person; the count on the item follows the support row (the store retries a concurrent write).</summary>
    public async Task<(bool Added, RoadmapItem? Item)> SupportAsync(Turn turn, string itemId, SupportKind kind, CancellationToken cancellationToken)
    {
        var read = await items.GetAsync(turn.TenantKey, itemId, cancellationToken);
        if (read is null) return (false, null);
        if (!await items.AddSupporterAsync(turn.TenantKey, itemId, kind, new Supporter(turn.User, turn.Handle), cancellationToken)) return (false, read.Item);
        var counted = await items.UpdateAsync(turn.TenantKey, itemId,
            item => kind == SupportKind.Vote ? item with { Votes = item.Votes + 1 } : item with { Followers = item.Followers + 1 }, ifVersion: null, cancellationToken);
        return (true, counted);
    }
}
