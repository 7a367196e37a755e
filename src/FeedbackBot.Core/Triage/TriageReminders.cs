using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Messaging;

namespace FeedbackBot.Core.Triage;

/// <summary>When a report counts as overdue: untriaged for more than this many working days (Monday to Friday) in this zone.</summary>
public sealed record ReminderSettings(TimeZoneInfo Zone, double OverdueAfterWorkingDays);

/// <summary>
/// The SLA reminder: each triage channel gets one message listing its reports left untriaged too long, oldest first,
/// and nothing when none is. The delivery log makes a retry or a second instance skip channels already reminded.
/// </summary>
public sealed class TriageReminders(
    ITriageChannelStore triageChannels, IReportStore reports, ApiCatalog catalog, IMessenger messenger, IDeliveryLog deliveries,
    ReportCards cards, ReminderSettings settings, TimeProvider time)
{
    /// <summary>Posts the reminders; returns how many channels were reminded. Fails (for a retry) if any channel could not be reached.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var run = $"triage-reminder|{TimeZoneInfo.ConvertTime(now, settings.Zone):yyyy-MM-dd'T'HH}";
        var reminded = 0;
        var failures = new List<Exception>();
        foreach (var tenant in await triageChannels.TenantsAsync(cancellationToken))
        {
            foreach (var (channel, apiIds) in await ChannelsAsync(tenant, cancellationToken))
            {
                var overdue = await OverdueAsync(tenant, apiIds, now, cancellationToken);
                if (overdue.Count == 0) continue;
                try
                {
                    if (await RemindAsync(run, channel, overdue, tenant, cancellationToken)) reminded++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failures.Add(e);
                }
            }
        }
        if (failures.Count > 0) throw new AggregateException($"{failures.Count} triage channel(s) could not be reminded; the others were.", failures);
        return reminded;
    }

    /// <summary>Working time between two instants, counting Monday to Friday in the settings' zone.</summary>
    public static TimeSpan WorkingTime(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone)
    {
        var total = TimeSpan.Zero;
        var cursor = TimeZoneInfo.ConvertTime(from, zone);
        var end = TimeZoneInfo.ConvertTime(to, zone);
        while (cursor < end)
        {
            var nextDay = new DateTimeOffset(cursor.Date.AddDays(1), zone.GetUtcOffset(cursor.Date.AddDays(1)));
            var stop = nextDay < end ? nextDay : end;
            if (cursor.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) total += stop - cursor;
            cursor = stop;
        }
        return total;
    }

    private async Task<bool> RemindAsync(string run, ConversationHandle channel, IReadOnlyList<FeedbackReport> overdue, string tenant, CancellationToken cancellationToken)
    {
        var destination = $"{tenant}|{channel.Address.ConversationId}";
        if (!await deliveries.TryStartAsync(run, destination, cancellationToken)) return false;
        try
        {
            var names = (await catalog.ListAsync(tenant, cancellationToken)).ToDictionary(e => e.Api.Id, e => e.Api.Name);
            var threshold = $"{settings.OverdueAfterWorkingDays:0.#} working day{(settings.OverdueAfterWorkingDays == 1 ? "" : "s")}";
            var card = cards.Reminder(overdue, threshold, id => names.GetValueOrDefault(id, id));
            var posted = await messenger.PostAsync(channel, new Reply.Card(card, $"{overdue.Count} reports waiting for triage"), null, cancellationToken);
            await deliveries.CompleteAsync(run, destination, posted.MessageId, cancellationToken);
            return true;
        }
        catch
        {
            await deliveries.ReleaseAsync(run, destination, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Each triage channel with the APIs it covers: an API's own channel wins over the tenant's "all" channel.</summary>
    private async Task<IReadOnlyList<(ConversationHandle Channel, List<string> ApiIds)>> ChannelsAsync(string tenant, CancellationToken cancellationToken)
    {
        var tenantChannels = await triageChannels.ListAsync(tenant, cancellationToken);
        var all = tenantChannels.FirstOrDefault(r => r.ApiId == TriageChannel.AllApis);
        var covered = new Dictionary<string, (ConversationHandle Channel, List<string> ApiIds)>();
        foreach (var api in await catalog.ListAsync(tenant, cancellationToken))
        {
            var own = tenantChannels.FirstOrDefault(r => r.ApiId == api.Api.Id) ?? all;
            if (own is null) continue;
            var key = own.Channel.Address.ConversationId;
            if (!covered.TryGetValue(key, out var entry)) covered[key] = entry = (own.Channel, []);
            entry.ApiIds.Add(api.Api.Id);
        }
        return covered.Values.ToList();
    }

    private async Task<IReadOnlyList<FeedbackReport>> OverdueAsync(string tenant, List<string> apiIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var limit = TimeSpan.FromDays(settings.OverdueAfterWorkingDays);
        var overdue = new List<FeedbackReport>();
        foreach (var apiId in apiIds)
        {
            overdue.AddRange((await reports.ListOpenAsync(tenant, apiId, cancellationToken))
                .Where(r => r.Status == ReportStatus.New && WorkingTime(r.CreatedAt, now, settings.Zone) > limit));
        }
        return overdue.OrderBy(r => r.CreatedAt).ToList();
    }
}
