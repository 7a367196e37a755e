using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Digests;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;
using FeedbackBot.Core.Roadmap;

namespace FeedbackBot.Core.Surveys;

/// <summary>
/// Runs surveys: starts due runs (recipients written first, then one delivery per recipient handed to the fan-out),
/// delivers one card per recipient at most once (the delivery log), reminds non-respondents once, closes runs.
/// </summary>
public sealed class SurveyDesk(
    ISurveyStore surveys, IChannelRoster roster, ISurveyCalendar calendar, ISurveyFanOut fanOut, IDeliveryLog deliveries, IDeliveryFailures failures,
    IMessenger messenger, IReportStore reports, IRoadmapStore roadmap, ApiCatalog catalog, SurveyCards cards, TimeProvider time)
{
    public async Task<string> ApiNameAsync(string tenantKey, string apiId, CancellationToken cancellationToken) =>
        apiId.Length == 0 ? "" : (await catalog.FindAsync(tenantKey, apiId, cancellationToken))?.Api.Name ?? apiId;

    /// <summary>A run whose start has not finished handing out its deliveries after this long is handed out again (its start crashed).</summary>
    public static readonly TimeSpan DispatchGrace = TimeSpan.FromMinutes(10);

    /// <summary>
    /// One scheduler pass: starts due runs, sends due reminders, closes runs past their time, finishes interrupted starts.
    /// Safe to run on every instance. Runs are read only for surveys that may have an open one, so a tenant's finished
    /// surveys cost nothing but their one-partition listing.
    /// </summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var started = 0;
        foreach (var tenant in await surveys.TenantsAsync(cancellationToken))
        {
            foreach (var survey in await surveys.ListAsync(tenant, cancellationToken))
            {
                if (survey.Runs > 0 && survey.HasOpenRuns != false) await TendRunsAsync(survey, now, cancellationToken);
                if (survey.Status == SurveyStatus.Active && survey.NextRunAt <= now && await StartRunAsync(survey, now, cancellationToken) is not null) started++;
            }
        }
        return started;
    }

    private async Task TendRunsAsync(Survey survey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = 0;
        foreach (var run in await surveys.ListRunsAsync(survey.TenantKey, survey.Id, cancellationToken))
        {
            if (run.Closed) continue;
            if (run.ClosesAt <= now)
            {
                await surveys.UpdateRunAsync(survey.TenantKey, survey.Id, run.Number, r => r.Closed ? null : r with { Closed = true }, cancellationToken);
                continue;
            }
            open++;
            if (!run.Dispatched && run.StartedAt + DispatchGrace <= now) await DispatchAsync(survey, run, cancellationToken);
            if (run.RemindAt <= now && !run.Reminded) await RemindAsync(survey, run, cancellationToken);
        }
        // Every run closed: later passes skip this survey's runs, unless a run started meanwhile (Runs moved on).
        if (open == 0)
            await surveys.UpdateAsync(survey.TenantKey, survey.Id, s => s.Runs == survey.Runs ? s with { HasOpenRuns = false } : null, cancellationToken);
    }

    /// <summary>
    /// Starts the survey's next run and returns it (with its recipient count); null when another instance started it
    /// first. The run row is the claim; when it
    /// exists already (another instance, or a start that crashed halfway) the survey is still moved on to its next
    /// occurrence, and a pass after <see cref="DispatchGrace"/> hands out what a crashed start did not.
    /// </summary>
    public async Task<SurveyRun?> StartRunAsync(Survey survey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var number = survey.Runs + 1;
        var run = new SurveyRun(survey.TenantKey, survey.Id, number, now, now + survey.OpenFor,
            survey.RemindAfter is { } remind ? now + remind : null, false, false, 0);
        var added = await surveys.TryAddRunAsync(run, cancellationToken);
        var startedAt = added ? now : (await surveys.GetRunAsync(survey.TenantKey, survey.Id, number, cancellationToken))?.StartedAt ?? now;
        var next = survey.IsRecurring ? calendar.Next(survey.Cron, survey.TimeZone, startedAt) : null;
        await surveys.UpdateAsync(survey.TenantKey, survey.Id,
            s => s.Runs >= number ? null : s with { Runs = number, NextRunAt = next, HasOpenRuns = true }, cancellationToken);
        return added ? await DispatchAsync(survey, run, cancellationToken) : null;
    }

    /// <summary>Writes the run's recipients and hands one delivery each to the fan-out; again after a crash, harmlessly (upserts, the delivery log).</summary>
    private async Task<SurveyRun?> DispatchAsync(Survey survey, SurveyRun run, CancellationToken cancellationToken)
    {
        if (survey.Audience == SurveyAudience.Channel)
        {
            fanOut.Deliver(survey.TenantKey, run.RunId, [SurveyVerbs.ChannelDestination], reminder: false);
            return await surveys.UpdateRunAsync(survey.TenantKey, survey.Id, run.Number, r => r with { Dispatched = true }, cancellationToken);
        }
        var recipients = await RecipientsAsync(survey, cancellationToken);
        await surveys.AddRecipientsAsync(survey.TenantKey, run.RunId, recipients, cancellationToken);
        fanOut.Deliver(survey.TenantKey, run.RunId, recipients.Select(r => r.Person.Key).ToList(), reminder: false);
        return await surveys.UpdateRunAsync(survey.TenantKey, survey.Id, run.Number, r => r with { Recipients = recipients.Count, Dispatched = true }, cancellationToken);
    }

    /// <summary>
    /// Sends one recipient (or the channel) its card, at most once per run and kind: claimed in the delivery log first,
    /// released when the send fails (the exception goes to the job, which retries this recipient only).
    /// </summary>
    public async Task<bool> DeliverAsync(string tenantKey, string runId, string recipientKey, bool reminder, CancellationToken cancellationToken)
    {
        if (SurveyRun.Parse(runId) is not { } id) return false;
        var survey = await surveys.GetAsync(tenantKey, id.SurveyId, cancellationToken);
        var run = await surveys.GetRunAsync(tenantKey, id.SurveyId, id.Number, cancellationToken);
        if (survey is null || run is null || !run.IsOpen(time.GetUtcNow()) || survey.Status == SurveyStatus.Closed) return false;

        ConversationHandle? channel = null;
        SurveyRecipient? recipient = null;
        if (recipientKey == SurveyVerbs.ChannelDestination) channel = survey.Channel;
        else
        {
            recipient = await surveys.GetRecipientAsync(tenantKey, runId, recipientKey, cancellationToken);
            if (recipient is null) return false;
            if (!survey.Mandatory && await surveys.IsOptedOutAsync(tenantKey, recipientKey, cancellationToken)) return false;
            if (reminder && await surveys.GetResponseAsync(tenantKey, runId, SurveyAnswers.RespondentKey(survey, recipient.Person), cancellationToken) is not null) return false;
        }
        if (channel is null && recipient is null) return false;

        var delivery = $"survey|{tenantKey}|{runId}|{(reminder ? "reminder" : "invite")}";
        if (!await deliveries.TryStartAsync(delivery, recipientKey, cancellationToken)) return false;
        try
        {
            var apiName = await ApiNameAsync(tenantKey, survey.ApiId, cancellationToken);
            var card = new Reply.Card(cards.Invitation(survey, run, apiName, reminder, answered: null), reminder ? $"Reminder: {survey.Title}" : survey.Title);
            var sent = channel is not null
                ? await messenger.PostAsync(channel, card, null, cancellationToken)
                : await messenger.NotifyAsync(recipient!.Person, recipient.SeenIn, card, cancellationToken);
            await deliveries.CompleteAsync(delivery, recipientKey, sent.MessageId, CancellationToken.None);
            return true;
        }
        catch (Exception e) when (failures.PermanentReason(e) is not null)
        {
            // This person (or channel) cannot be reached: the app is not installed for them, they blocked it, a Slack
            // bot user. Retrying cannot help, so the claim is kept as done and Hangfire does not try three more times.
            await deliveries.CompleteAsync(delivery, recipientKey, "unreachable", CancellationToken.None);
            return false;
        }
        catch
        {
            await deliveries.ReleaseAsync(delivery, recipientKey, CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// Hands a reminder to each recipient; <see cref="DeliverAsync"/> skips those who answered. Marked first under the
    /// run's ETag, so of two instances ticking at once only one hands them out.
    /// </summary>
    private async Task RemindAsync(Survey survey, SurveyRun run, CancellationToken cancellationToken)
    {
        var marked = await surveys.UpdateRunAsync(survey.TenantKey, survey.Id, run.Number, r => r.Reminded || r.Closed ? null : r with { Reminded = true }, cancellationToken);
        if (marked is null) return;
        if (survey.Audience == SurveyAudience.Channel) return;
        var recipients = await surveys.ListRecipientsAsync(survey.TenantKey, run.RunId, cancellationToken);
        fanOut.Deliver(survey.TenantKey, run.RunId, recipients.Select(r => r.Person.Key).ToList(), reminder: true);
    }

    private async Task<IReadOnlyList<SurveyRecipient>> RecipientsAsync(Survey survey, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, SurveyRecipient>(StringComparer.OrdinalIgnoreCase);
        if (survey.Audience == SurveyAudience.ChannelMembers && survey.Channel is { } channel)
        {
            foreach (var member in await roster.MembersAsync(channel, cancellationToken)) found.TryAdd(member.Person.Key, member);
        }
        else if (survey.Audience == SurveyAudience.ApiConsumers)
        {
            foreach (var report in await reports.ListSinceAsync(survey.TenantKey, survey.ApiId, new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero), cancellationToken))
                found.TryAdd(report.Reporter.Key, new SurveyRecipient(report.Reporter, report.ReporterSeenIn));
            foreach (var item in await roadmap.ListAsync(survey.TenantKey, survey.ApiId, cancellationToken))
            {
                foreach (var kind in new[] { SupportKind.Vote, SupportKind.Follow })
                {
                    foreach (var supporter in await roadmap.ListSupportersAsync(survey.TenantKey, item.ItemId, kind, cancellationToken))
                        found.TryAdd(supporter.Person.Key, new SurveyRecipient(supporter.Person, supporter.SeenIn));
                }
            }
        }
        return found.Values.ToList();
    }
}
