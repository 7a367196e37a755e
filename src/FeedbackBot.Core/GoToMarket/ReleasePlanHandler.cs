using System.Globalization;
using System.Text.Json.Nodes;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.GoToMarket;

/// <summary>
/// <c>release &lt;api&gt; &lt;version&gt;</c>: the plan form (target date, items shipped, an owner and a due date per
/// checklist step); its Start plan stores the plan and posts the readiness card in the API's channel. A release that
/// has a plan shows its readiness card instead.
/// </summary>
public sealed class ReleasePlanHandler(
    IReleasePlanStore plans, IGtmTemplateStore templates, IRoadmapStore items, ITriageChannelStore channels, IMessenger messenger,
    PlanPeople people, ApiResolver apis, ApiAccess access, ReleasePlanCards planCards, CardTemplates cards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var parts = arguments.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        var wanted = turn.Action?.Get("apiId") ?? (parts.Length > 0 ? parts[0] : "");
        var version = TurnRouter.Normalize(turn.Action?.Get("version") ?? (parts.Length > 1 ? parts[1] : ""));
        if (wanted.Length == 0 || version.Length == 0) return [new Reply.Text("Say which API and version: `release <api> <version>`, e.g. `release payments 2.4`.")];
        if (version.Length > 40 || version.Contains('|')) return [new Reply.Text("A version has at most 40 characters and no `|`.")];
        var found = await apis.FindAsync(turn.TenantKey, wanted, cancellationToken);
        if (found.Entry is not { } entry) return [found.Instead!];
        var api = entry.Api;
        if (!await access.MayManageAsync(turn.TenantKey, turn.User.Key, api.Id, cancellationToken))
            return [new Reply.Text($"Only the owners of {api.Name} and product managers can plan its releases.")];

        if (await plans.GetAsync(turn.TenantKey, api.Id, version, cancellationToken) is { } existing)
            return [new Reply.Card(planCards.Readiness(existing, api.Name), $"{api.Name} {version}: release readiness")];
        var template = await templates.GetAsync(turn.TenantKey, cancellationToken) ?? GtmTemplate.Default;
        var open = (await items.ListAsync(turn.TenantKey, api.Id, cancellationToken)).Where(i => i.IsOpen).ToList();
        var channel = (await channels.FindAsync(turn.TenantKey, api.Id, cancellationToken))?.Channel ?? turn.Handle;
        if (turn.Action?.Verb != GoToMarketVerbs.SavePlan) return [await FormAsync(turn, channel, api, version, template, open, null, [], cancellationToken)];
        return await StartAsync(turn, channel, api, version, template, open, cancellationToken);
    }

    private async Task<IReadOnlyList<Reply>> StartAsync(Turn turn, ConversationHandle channel, ApiEntry api, string version, GtmTemplate template, IReadOnlyList<RoadmapItem> open, CancellationToken cancellationToken)
    {
        var data = turn.Action!.Data;
        var errors = new Dictionary<string, string>();
        if (!DateOnly.TryParseExact(Get(data, "target"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var target))
            errors["target"] = "Pick the release date.";
        var shipped = Get(data, "shipped").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToUpperInvariant()).Distinct().ToList();
        if (shipped.Any(id => open.All(i => i.ItemId != id))) errors["shipped"] = "Pick only open items of this API's road map.";

        var picked = await people.ResolveAsync(turn, channel, template.Steps.Select(s => Get(data, $"owner-{s.Id}")), cancellationToken);
        var steps = new List<PlanStep>();
        foreach (var step in template.Steps)
        {
            var ownerId = Get(data, $"owner-{step.Id}");
            var dueText = Get(data, $"due-{step.Id}");
            var due = DateOnly.TryParseExact(dueText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : target.AddDays(-step.DaysBefore);
            if (ownerId.Length == 0) errors[$"owner-{step.Id}"] = $"Pick who owns \"{step.Title}\".";
            else if (!picked.TryGetValue(ownerId, out var owner)) errors[$"owner-{step.Id}"] = "I can't reach that person: pick someone who is a member of the API's channel.";
            else steps.Add(new PlanStep(step.Id, step.Title, step.Required, owner.Person, owner.SeenIn, due));
            if (dueText.Length > 0 && d == default) errors[$"due-{step.Id}"] = "Pick a date, or leave it empty for the template's.";
        }
        if (errors.Count > 0) return [new Reply.FieldErrors(await FormAsync(turn, channel, api, version, template, open, data, errors, cancellationToken), errors)];

        var plan = new ReleasePlan(turn.TenantKey, api.Id, version, target, shipped, steps, turn.User, turn.Handle, planCards.Now);
        if (!await plans.AddAsync(plan, cancellationToken))
            return [new Reply.Text($"{api.Name} {version} already has a plan: type `release {api.Id} {version}` to see its readiness card.")];

        // Posted after the plan is stored, so a crash leaves a plan without a card (`release` shows it), never a card without a plan.
        var posted = await messenger.PostAsync(channel, new Reply.Card(planCards.Readiness(plan, api.Name), $"{api.Name} {version}: release readiness"), null, cancellationToken);
        await plans.UpdateAsync(turn.TenantKey, plan.Key, p => p with { Card = posted }, cancellationToken);
        return [new Reply.UpdateCard(planCards.Readiness(plan, api.Name, "Plan started. The readiness card in the API's channel stays up to date."), $"{api.Name} {version}: plan started"),
            new Reply.Text($"Started the plan for {api.Name} {version} ({steps.Count} steps, release {ReleasePlanCards.Day(target)}); the owners are reminded as their steps fall due.")];
    }

    private async Task<Reply.Form> FormAsync(Turn turn, ConversationHandle channel, ApiEntry api, string version, GtmTemplate template,
        IReadOnlyList<RoadmapItem> open, JsonObject? typed, Dictionary<string, string> errors, CancellationToken cancellationToken)
    {
        var defaultOwner = api.Owners.Select(k => Person.TryParse(k, out var p) ? p : null).FirstOrDefault(p => p?.Platform == turn.Conversation.Platform);
        var offered = await people.CandidatesAsync(turn, channel, defaultOwner is null ? [] : [defaultOwner], cancellationToken);
        var target = typed is null ? planCards.Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Get(typed, "target");
        var data = new
        {
            apiId = api.Id, apiName = api.Name, version, target,
            items = open.Select(i => new { itemId = i.ItemId, title = i.Title }), shipped = typed is null ? "" : Get(typed, "shipped"),
            steps = template.Steps.Select(s =>
            {
                var owner = s.Role == StepRole.ApiOwner && defaultOwner is not null && offered.Any(c => c.Id == defaultOwner.Id) ? defaultOwner : turn.User;
                var ownerId = typed is null ? owner.Id : Get(typed, $"owner-{s.Id}");
                var error = string.Join(" ", new[] { $"owner-{s.Id}", $"due-{s.Id}" }.Select(k => errors.GetValueOrDefault(k, "")).Where(e => e.Length > 0));
                return new
                {
                    id = s.Id, title = s.Title, required = s.Required, daysBefore = s.DaysBefore, ownerId,
                    due = typed is null ? "" : Get(typed, $"due-{s.Id}"), error,
                };
            }),
            people = offered.Select(c => new { id = c.Id, name = c.Name }),
            errors,
        };
        return new Reply.Form(cards.Expand("release-plan-form", data), "Release plan", GoToMarketVerbs.SavePlan,
            new CardAction(GoToMarketVerbs.OpenPlan, new() { ["apiId"] = api.Id, ["version"] = version }));
    }

    private static string Get(JsonObject data, string input) => data[input] is JsonValue v ? v.ToString().Trim() : "";
}
