using Azure;
using Azure.Data.Tables;
using FeedbackBot.Hosting;

namespace FeedbackBot.Storage;

/// <summary>
/// Which bot instances are alive: each writes its row every <see cref="Beat"/>; one silent for <see cref="Silence"/>
/// is gone (crashed, killed, frozen), and the work it had claimed may be taken by the others. Table
/// <c>Instances</c>: PartitionKey <c>instances</c>, RowKey the instance id (<see cref="BotInstance.Id"/>), LastSeen.
/// </summary>
public sealed class InstanceRegistry(Tables tables, TimeProvider time)
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan Silence = TimeSpan.FromSeconds(30);
    private const string Partition = "instances";

    public async Task BeatAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Instances, cancellationToken);
        await table.UpsertEntityAsync(new TableEntity(Partition, TableKey.Escape(BotInstance.Id))
        {
            ["LastSeen"] = time.GetUtcNow(),
            ["Name"] = BotInstance.Name,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Removes this instance's row when it stops cleanly: its claims were finished or handed back.</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Instances, cancellationToken);
        await table.DeleteEntityAsync(Partition, TableKey.Escape(BotInstance.Id), ETag.All, cancellationToken);
    }

    /// <summary>The ids of the instances heard from within <see cref="Silence"/>; rows silent for a day are deleted on the way.</summary>
    public async Task<IReadOnlySet<string>> AliveAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Tables.Instances, cancellationToken);
        var now = time.GetUtcNow();
        var alive = new HashSet<string>(StringComparer.Ordinal) { BotInstance.Id };
        await foreach (var row in table.QueryAsync<TableEntity>(r => r.PartitionKey == Partition, select: ["RowKey", "LastSeen"], cancellationToken: cancellationToken))
        {
            var lastSeen = row.GetDateTimeOffset("LastSeen") ?? DateTimeOffset.MinValue;
            if (lastSeen > now - Silence) alive.Add(TableKey.Unescape(row.RowKey));
            else if (lastSeen < now - TimeSpan.FromDays(1)) await table.DeleteEntityAsync(Partition, row.RowKey, ETag.All, cancellationToken);
        }
        return alive;
    }
}

/// <summary>Keeps this instance's heartbeat row fresh, and removes it on a clean stop.</summary>
public sealed class InstanceHeartbeat(InstanceRegistry registry, TimeProvider time, ILogger<InstanceHeartbeat> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await registry.BeatAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogWarning(e, "Could not write instance {Instance}'s heartbeat", BotInstance.Id);
            }
            try
            {
                await Task.Delay(InstanceRegistry.Beat, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // A courtesy: the row expires anyway, so a storage that does not answer must not hold up the other services' stop.
        using var brief = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        brief.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await registry.LeaveAsync(brief.Token);
        }
        catch (Exception e) when (e is RequestFailedException or OperationCanceledException or HttpRequestException)
        {
            log.LogDebug(e, "Instance {Instance} could not remove its heartbeat; it expires on its own", BotInstance.Id);
        }
    }
}
