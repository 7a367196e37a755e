using FeedbackBot.Core.Cards;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.GoToMarket;

/// <summary>
/// The daily pass over release plans: each owner hears personally of a step due soon (once) and of an overdue step
/// (at most once a day); the PM gets a readiness summary a few days before the date (once) and, after publishing, a
/// follow-up (once). Every message is claimed in the delivery log first, so a second run or instance sends nothing again.
/// </summary>
public sealed class GtmReminders(
    IReleasePlanStore plans, IReportStore reports, IReleaseUsage usage, IDeliveryLog deliveries, ApiCatalog catalog,
    ReleasePlanCards planCards, CardTemplates cards, GtmSettings settings)
{
    public async Task<int> RunAsync(IMessenger messenger, CancellationToken cancellationToken)
    {
        var sent = 0;
        foreach (var tenant in await plans.TenantsAsync(cancellationToken))
        {
            foreach (var plan in await plans.ListAsync(tenant, cancellationToken))
            {
                var apiName = (await catalog.FindAsync(tenant, plan.ApiId, cancellationToken))?.Api.Name ?? plan.ApiId;
                sent += plan.Published is null ? await BeforeReleaseAsync(plan, apiName, messenger, cancellationToken) : await FollowUpAsync(plan, apiName, messenger, cancellationToken);
            }
        }
        return sent;
    }

    private async Task<int> BeforeReleaseAsync(ReleasePlan plan, string apiName, IMessenger messenger, CancellationToken cancellationToken)
    {
        var today = planCards.Today;
        var sent = 0;
        foreach (var step in plan.Steps.Where(s => s.IsOpen))
        {
            var overdue = step.IsOverdue(today);
            if (!overdue && step.Due.DayNumber - today.DayNumber > settings.DueSoonDays) continue;
            // Due soon is said once; overdue once per day: the destination names the reminder, so a rerun finds its claim.
            var reminder = overdue ? $"overdue|{today:yyyy-MM-dd}" : "due-soon";
            var card = new Reply.Card(planCards.Reminder(plan, step, apiName, overdue), $"{(overdue ? "Overdue" : "Due soon")}: {step.Title} for {apiName} {plan.Version}");
            if (await SendOnceAsync($"gtm|{plan.TenantKey}|{plan.Key}|{step.Id}", reminder, () => messenger.NotifyAsync(step.Owner, step.OwnerSeenIn, card, cancellationToken), cancellationToken)) sent++;
        }
        var daysLeft = plan.Target.DayNumber - today.DayNumber;
        if (daysLeft >= 0 && daysLeft <= settings.SummaryDaysBefore)
        {
            var note = $"{apiName} {plan.Version} is due {(daysLeft == 0 ? "today" : $"in {daysLeft} day(s)")}. " +
                (plan.OpenRequired().Count == 0 ? "Every required step is closed." : $"Required steps still open: {string.Join(", ", plan.OpenRequired().Select(s => s.Title))}.");
            var summary = new Reply.Card(planCards.Readiness(plan, apiName, note), $"{apiName} {plan.Version}: readiness summary");
            if (await SendOnceAsync($"gtm|{plan.TenantKey}|{plan.Key}|summary", plan.StartedBy.Key, () => messenger.NotifyAsync(plan.StartedBy, plan.StartedIn, summary, cancellationToken), cancellationToken)) sent++;
        }
        return sent;
    }

    private async Task<int> FollowUpAsync(ReleasePlan plan, string apiName, IMessenger messenger, CancellationToken cancellationToken)
    {
        var published = plan.Published!;
        if (planCards.Now < published.At.AddDays(settings.FollowUpAfterDays)) return 0;
        var card = new Reply.Card(await FollowUpCardAsync(plan, apiName, cancellationToken), $"{apiName} {plan.Version}: two weeks later");
        return await SendOnceAsync($"gtm|{plan.TenantKey}|{plan.Key}|follow-up", plan.StartedBy.Key, () => messenger.NotifyAsync(plan.StartedBy, plan.StartedIn, card, cancellationToken), cancellationToken) ? 1 : 0;
    }

    /// <summary>The follow-up's figures: reach as recorded at Publish, reports filed on the API in the window after it, usage when known.</summary>
    public async Task<System.Text.Json.Nodes.JsonObject> FollowUpCardAsync(ReleasePlan plan, string apiName, CancellationToken cancellationToken)
    {
        var published = plan.Published!;
        var until = published.At.AddDays(settings.FollowUpAfterDays);
        var filed = (await reports.ListSinceAsync(plan.TenantKey, plan.ApiId, published.At, cancellationToken)).Where(r => r.CreatedAt < until).OrderByDescending(r => r.CreatedAt).ToList();
        var share = await usage.ShareAsync(plan.TenantKey, plan.ApiId, plan.Version, published.At, cancellationToken);
        return cards.Expand("release-follow-up", new
        {
            apiName, version = plan.Version, published = $"{ReleasePlanCards.Day(published.At)} by {published.By}", channels = published.Channels, people = published.PeopleTold,
            reports = filed.Count, bugs = filed.Count(r => r.Kind == FeedbackKind.Bug), usage = share ?? "No usage data for this API yet.",
            latest = filed.Take(5).Select(r => new { shortId = r.ShortId, title = r.Title }),
        });
    }

    private async Task<bool> SendOnceAsync(string delivery, string destination, Func<Task<PostedMessage>> send, CancellationToken cancellationToken)
    {
        if (!await deliveries.TryStartAsync(delivery, destination, cancellationToken)) return false;
        try
        {
            var posted = await send();
            await deliveries.CompleteAsync(delivery, destination, posted.MessageId, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // One unreachable person must not stop the others; released so the next run tries again.
            await deliveries.ReleaseAsync(delivery, destination, CancellationToken.None);
            return false;
        }
    }
}
