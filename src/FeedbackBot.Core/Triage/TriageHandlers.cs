using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Triage;

/// <summary>Who may triage an API's reports: configured product managers and the API's owners.</summary>
public sealed class TriageAccess(RoleDirectory roles, ApiCatalog catalog)
{
    public async Task<bool> MayTriageAsync(string tenantKey, string personKey, string apiId, CancellationToken cancellationToken)
    {
        if (Person.TryParse(personKey, out var person) && roles.IsProductManager(person)) return true;
        var api = await catalog.FindAsync(tenantKey, apiId, cancellationToken);
        return api is not null && api.Api.IsOwnedBy(personKey);
    }
}

/// <summary>The triage card's buttons: one decision wins, a stale or concurrent click is shown the current state.</summary>
public sealed class TriageDecisionHandler(IReportStore reports, FeedbackDesk desk, RoadmapDesk roadmap, TriageAccess access, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var shortId = (action.Get("shortId") ?? "").Trim().ToUpperInvariant();
        var stored = shortId.Length == 0 ? null : await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
        if (stored is null) return [new Reply.Text($"There is no report {(shortId.Length == 0 ? "named on that button" : shortId)} here any more (it may have been deleted). Nothing changed.")];

        var report = stored.Report;
        if (!await access.MayTriageAsync(turn.TenantKey, turn.User.Key, report.ApiId, cancellationToken))
            return [new Reply.Text($"Only the product managers of this API can triage {report.ShortId}. Nothing changed.")];
        if (TriageDecisions.NeedsOpenReport(action.Verb) && !report.IsOpen)
            return await CurrentStateAsync(report, $"{report.ShortId} was already decided: {report.Decision?.Text ?? FeedbackLabels.Of(report.Status)}{(report.Decision is null ? "" : $" by {report.Decision.By}")}. Nothing changed.", cancellationToken);

        var others = new Dictionary<string, FeedbackReport>();
        var duplicateOf = (action.Get("duplicateOf") ?? "").Trim().ToUpperInvariant();
        if (action.Verb == TriageVerbs.Duplicate && duplicateOf.Length > 0 && await reports.GetAsync(turn.TenantKey, duplicateOf, cancellationToken) is { } original)
            others[original.Report.ShortId] = original.Report;
        var assignee = (action.Get("assignee") ?? "").Trim();
        var assigneeMay = action.Verb == TriageVerbs.Assign && await access.MayTriageAsync(turn.TenantKey, assignee, report.ApiId, cancellationToken);

        var outcome = TriageDecisions.Decide(report, action, turn.User, time.GetUtcNow(), others.GetValueOrDefault, _ => assigneeMay);
        if (outcome.Updated is null) return [new Reply.Text(outcome.Refusal!)];

        if (!await reports.TryReplaceAsync(stored, outcome.Updated, cancellationToken))
        {
            var now = await reports.GetAsync(turn.TenantKey, shortId, cancellationToken);
            return now is null
                ? [new Reply.Text($"{shortId} was deleted meanwhile. Nothing changed.")]
                : await CurrentStateAsync(now.Report, $"Someone else acted on {shortId} at the same moment: {now.Report.History[^1].Text} by {now.Report.History[^1].By}. Your click changed nothing.", cancellationToken);
        }

        var replies = new List<Reply>();
        if (action.Verb == TriageVerbs.Accept) replies.AddRange(await IntoRoadmapAsync(turn, outcome.Updated, action.Get("roadmapItem") ?? "", cancellationToken));
        replies.Insert(0, await TriageCardAsync(outcome.Updated, cancellationToken));
        if (outcome.NotifyReporter) replies.AddRange(await NotifyAsync(outcome, turn, cancellationToken));
        return replies;
    }

    /// <summary>Accept into a road map item: link the report to an open item of its API, or make a new item from it.</summary>
    private async Task<IReadOnlyList<Reply>> IntoRoadmapAsync(Turn turn, FeedbackReport report, string choice, CancellationToken cancellationToken)
    {
        choice = choice.Trim();
        if (choice.Length == 0 || choice.Equals("none", StringComparison.OrdinalIgnoreCase)) return [];
        if (choice.Equals("new", StringComparison.OrdinalIgnoreCase))
        {
            var title = report.Title;
            var created = await roadmap.CreateAsync(report.TenantKey, report.ApiId, new RoadmapForm.Values(title, report.Details, RoadmapStatus.Considering, ""), turn.User, [report.ShortId], cancellationToken);
            return [new Reply.Text($"{report.ShortId} is now road map item {created.ItemId} (Considering). Type `roadmap {report.ApiId}` to see it.")];
        }
        var linked = await roadmap.LinkAsync(report.TenantKey, report.ApiId, choice.ToUpperInvariant(), report.ShortId, turn.User, cancellationToken);
        return linked is null
            ? [new Reply.Text($"Accepted, but there is no road map item {choice} on this API, so nothing was linked.")]
            : [new Reply.Text($"{report.ShortId} is linked to road map item {linked.ItemId}: \"{linked.Title}\". Its reporter will hear when it ships.")];
    }

    private async Task<IReadOnlyList<Reply>> NotifyAsync(TriageOutcome outcome, Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            await desk.NotifyReporterAsync(outcome.Updated!, outcome.Headline, outcome.Message, turn.User.Label, outcome.NeedsAnswer, cancellationToken);
            return [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The decision stands; the messenger logged why the reporter's chat could not be reached.
            return [new Reply.Text($"Saved, but I could not reach {outcome.Updated!.Reporter.Label} in their personal chat to tell them.")];
        }
    }

    private async Task<IReadOnlyList<Reply>> CurrentStateAsync(FeedbackReport report, string message, CancellationToken cancellationToken) =>
        [await TriageCardAsync(report, cancellationToken), new Reply.Text(message)];

    private async Task<Reply> TriageCardAsync(FeedbackReport report, CancellationToken cancellationToken)
    {
        var apiName = await desk.ApiNameAsync(report.TenantKey, report.ApiId, cancellationToken);
        return new Reply.UpdateCard(await desk.TriageCardAsync(report, apiName, cancellationToken), $"{report.ShortId}: {FeedbackLabels.Of(report.Status)}");
    }
}

/// <summary><c>triage here &lt;api|all&gt;</c>: this channel becomes where new reports of those APIs are triaged.</summary>
public sealed class TriageHereHandler(ITriageChannelStore triageChannels, ApiCatalog catalog, RoleDirectory roles, TriageAccess access, TimeProvider time) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (turn.Conversation.Kind == ConversationKind.Personal)
            return [new Reply.Text("Say this in the channel where your team triages: `@FeedbackBot triage here <api>` (or `all`). Personal chats can't be triage channels.")];
        if (arguments.Length == 0) return [new Reply.Text("Which API? `triage here <api>`, or `triage here all` for every API without its own channel.")];

        string apiId, name;
        if (arguments.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can route every API's reports to a channel.")];
            (apiId, name) = (TriageChannel.AllApis, "every API without its own triage channel");
        }
        else
        {
            var api = await catalog.FindAsync(turn.TenantKey, arguments, cancellationToken);
            if (api is null) return [AboutApiHandler.UnknownApi(arguments)];
            if (!await access.MayTriageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
                return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers can choose where its reports go.")];
            (apiId, name) = (api.Api.Id, api.Api.Name);
        }

        await triageChannels.SetAsync(new TriageChannel(turn.TenantKey, apiId, turn.Handle, turn.User.Key, time.GetUtcNow()), cancellationToken);
        return [new Reply.Text($"From now on, new reports on {name} are posted here for triage. Untriaged ones are also reminded here.")];
    }
}

/// <summary><c>triage list &lt;api&gt;</c>: the API's open reports, oldest first, most voted first among equals.</summary>
public sealed class TriageListHandler(IReportStore reports, ApiCatalog catalog, TriageAccess access, ReportCards cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (arguments.Length == 0) return [await AboutApiHandler.WhichApi(catalog, turn, "triage list", cancellationToken)];
        var api = await catalog.FindAsync(turn.TenantKey, arguments, cancellationToken);
        if (api is null) return [AboutApiHandler.UnknownApi(arguments)];
        if (!await access.MayTriageAsync(turn.TenantKey, turn.User.Key, api.Api.Id, cancellationToken))
            return [new Reply.Text($"Only the owners of {api.Api.Name} and product managers see its triage list. Type `mine` for your own reports.")];

        var open = (await reports.ListOpenAsync(turn.TenantKey, api.Api.Id, cancellationToken))
            .OrderBy(r => r.CreatedAt).ThenByDescending(r => r.Votes).ToList();
        var card = cards.List($"Open reports: {api.Api.Name}", "Nothing waits for triage. 🎉", open, _ => api.Api.Name);
        return [new Reply.Card(card, $"{open.Count} open reports on {api.Api.Name}")];
    }
}
