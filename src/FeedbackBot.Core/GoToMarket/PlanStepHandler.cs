using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Triage;

namespace FeedbackBot.Core.GoToMarket;

/// <summary>
/// A step's Update (from the readiness card or a reminder): the step form; its Save marks the step done with a link,
/// skips it with a reason or hands it to someone else, and the readiness card in the channel changes for everyone.
/// </summary>
public sealed class PlanStepHandler(
    IReleasePlanStore plans, ITriageChannelStore channels, IMessenger messenger, PlanPeople people, ApiCatalog catalog, ApiAccess access,
    ReleasePlanCards planCards) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var plan = await plans.GetAsync(turn.TenantKey, action.Get("apiId") ?? "", action.Get("version") ?? "", cancellationToken);
        if (plan?.Step(action.Get("stepId") ?? "") is not { } step) return [new Reply.Text("That release plan or step is gone. Type `release <api> <version>` to see the plan.")];
        var apiName = (await catalog.FindAsync(turn.TenantKey, plan.ApiId, cancellationToken))?.Api.Name ?? plan.ApiId;
        var mayAct = step.Owner.Key.Equals(turn.User.Key, StringComparison.OrdinalIgnoreCase)
            || await access.MayManageAsync(turn.TenantKey, turn.User.Key, plan.ApiId, cancellationToken);
        if (!mayAct) return [new Reply.Text($"Only {step.Owner.Label} (the step's owner), the owners of {apiName} and product managers can update \"{step.Title}\".")];
        if (plan.Published is not null) return [new Reply.Text($"{apiName} {plan.Version} is published; its plan is closed.")];
        if (!step.IsOpen) return [new Reply.Card(planCards.Readiness(plan, apiName), $"{step.Title}: {ReleasePlanCards.State(step, planCards.Today)}")];
        if (action.Verb == GoToMarketVerbs.Step) return [await FormAsync(turn, plan, step, apiName, "", null, cancellationToken)];
        return await SaveAsync(turn, plan, step, apiName, cancellationToken);
    }

    private async Task<IReadOnlyList<Reply>> SaveAsync(Turn turn, ReleasePlan plan, PlanStep step, string apiName, CancellationToken cancellationToken)
    {
        var action = turn.Action!;
        var outcome = action.Get("outcome") ?? "";
        var link = TurnRouter.Normalize(action.Get("link") ?? "");
        var reason = TurnRouter.Normalize(action.Get("reason") ?? "");
        var ownerId = (action.Get("owner") ?? "").Trim();
        PlanStep changed;
        switch (outcome)
        {
            case "done" when link.Length > 0 && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && link.Length <= 2000):
                return [await ErrorsAsync(turn, plan, step, apiName, "link", "Give the link as a full web address starting with https://.", cancellationToken)];
            case "done":
                changed = step with { State = StepState.Done, Link = link, ClosedBy = turn.User.Label, ClosedAt = planCards.Now };
                break;
            case "skip" when reason.Length is 0 or > 500:
                return [await ErrorsAsync(turn, plan, step, apiName, "reason", "Say in a few words (at most 500 characters) why this step is skipped.", cancellationToken)];
            case "skip":
                changed = step with { State = StepState.Skipped, Reason = reason, ClosedBy = turn.User.Label, ClosedAt = planCards.Now };
                break;
            case "reassign":
                var channel = plan.Card?.Conversation ?? (await channels.FindAsync(turn.TenantKey, plan.ApiId, cancellationToken))?.Channel ?? turn.Handle;
                var picked = ownerId.Length == 0 ? null : (await people.ResolveAsync(turn, channel, [ownerId], cancellationToken)).GetValueOrDefault(ownerId);
                if (picked is null) return [await ErrorsAsync(turn, plan, step, apiName, "owner", "Pick the new owner: someone who is a member of the API's channel.", cancellationToken)];
                changed = step with { Owner = picked.Person, OwnerSeenIn = picked.SeenIn };
                break;
            default:
                return [await ErrorsAsync(turn, plan, step, apiName, "outcome", "Pick done, skip or reassign.", cancellationToken)];
        }

        // Declined when someone else closed the step meanwhile: the first answer stands.
        var saved = await plans.UpdateAsync(turn.TenantKey, plan.Key, p => p.Step(step.Id) is { IsOpen: true } current && current.Owner.Key == step.Owner.Key
            ? p.WithStep(changed)
            : null, cancellationToken);
        var now = saved ?? await plans.GetAsync(turn.TenantKey, plan.ApiId, plan.Version, cancellationToken) ?? plan;
        var card = planCards.Readiness(now, apiName);
        if (now.Card is { } posted) await messenger.UpdateAsync(posted, new Reply.Card(card, $"{apiName} {now.Version}: release readiness"), cancellationToken);
        if (saved is null) return [new Reply.UpdateCard(card, $"{step.Title} changed meanwhile"), new Reply.Text($"Someone updated \"{step.Title}\" just before you; here is the plan as it stands.")];
        if (outcome == "reassign" && !changed.Owner.Key.Equals(turn.User.Key, StringComparison.OrdinalIgnoreCase))
            await messenger.NotifyAsync(changed.Owner, changed.OwnerSeenIn, new Reply.Card(planCards.Reminder(now, changed, apiName, changed.IsOverdue(planCards.Today)),
                $"{turn.User.Label} handed you \"{step.Title}\" for {apiName} {now.Version}"), cancellationToken);
        return [new Reply.UpdateCard(card, $"{step.Title}: {ReleasePlanCards.State(changed, planCards.Today)}")];
    }

    private async Task<Reply.Form> FormAsync(Turn turn, ReleasePlan plan, PlanStep step, string apiName, string error, CardAction? typed, CancellationToken cancellationToken)
    {
        var offered = await people.CandidatesAsync(turn, plan.Card?.Conversation ?? plan.StartedIn, [step.Owner], cancellationToken);
        return new(planCards.StepForm(plan, step, apiName, offered, error, typed?.Data), step.Title.Length <= 24 ? step.Title : "Release step", GoToMarketVerbs.SaveStep,
            new CardAction(GoToMarketVerbs.Step, new() { ["apiId"] = plan.ApiId, ["version"] = plan.Version, ["stepId"] = step.Id }));
    }

    private async Task<Reply.FieldErrors> ErrorsAsync(Turn turn, ReleasePlan plan, PlanStep step, string apiName, string input, string message, CancellationToken cancellationToken) =>
        new(await FormAsync(turn, plan, step, apiName, message, turn.Action, cancellationToken), new Dictionary<string, string> { [input] = message });
}
