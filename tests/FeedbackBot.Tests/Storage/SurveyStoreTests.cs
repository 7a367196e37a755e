using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Surveys;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Tests.Storage;

/// <summary>The survey store against real Azurite: concurrent changes to one survey or run never undo each other.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class SurveyStoreTests
{
    private const string Tenant = "slack:T1";

    private static SurveyStore NewStore()
    {
        var tables = new Tables(new TableServiceClient(Azurite.ConnectionString),
            Options.Create(new StorageOptions { TablePrefix = "s" + Guid.NewGuid().ToString("N")[..12] }));
        return new SurveyStore(tables, new Counters(tables));
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private static Survey Nps() => new(Tenant, "SV-101", "NPS: Payments API", SurveyKind.Nps, "payments", false, false,
        SurveyTemplates.For(SurveyKind.Nps, "Payments API"), SurveyAudience.ApiConsumers, null, "", "UTC", Start, TimeSpan.FromDays(7), null,
        SurveyStatus.Active, "slack:UPM1", Start, "00", 0);

    [Fact]
    public async Task A_close_and_concurrent_run_updates_all_land()
    {
        var store = NewStore();
        await store.AddAsync(Nps(), default);
        Assert.True(await store.TryAddRunAsync(new SurveyRun(Tenant, "SV-101", 1, Start, Start.AddDays(7), null, false, false, 0), default));

        var counts = Enumerable.Range(0, 8).Select(_ => store.UpdateRunAsync(Tenant, "SV-101", 1, r => r with { Recipients = r.Recipients + 1 }, default));
        var close = store.UpdateRunAsync(Tenant, "SV-101", 1, r => r.Closed ? null : r with { Closed = true }, default);
        var runs = Enumerable.Range(0, 4).Select(_ => store.UpdateAsync(Tenant, "SV-101", s => s with { Runs = s.Runs + 1 }, default));
        var pause = store.UpdateAsync(Tenant, "SV-101", s => s with { Status = SurveyStatus.Paused }, default);
        await Task.WhenAll([.. counts, close, .. runs, pause]);

        var run = await store.GetRunAsync(Tenant, "SV-101", 1, default);
        Assert.True(run!.Closed);
        Assert.Equal(8, run.Recipients);
        var survey = await store.GetAsync(Tenant, "SV-101", default);
        Assert.Equal(SurveyStatus.Paused, survey!.Status);
        Assert.Equal(4, survey.Runs);
    }

    [Fact]
    public async Task A_declined_change_writes_nothing_and_an_unknown_survey_is_null()
    {
        var store = NewStore();
        await store.AddAsync(Nps() with { Status = SurveyStatus.Closed }, default);

        Assert.Null(await store.UpdateAsync(Tenant, "SV-101", s => s.Status == SurveyStatus.Closed ? null : s with { Status = SurveyStatus.Active }, default));
        Assert.Null(await store.UpdateAsync(Tenant, "SV-999", s => s with { Status = SurveyStatus.Active }, default));
        Assert.Null(await store.UpdateAsync("slack:T2", "SV-101", s => s with { Status = SurveyStatus.Active }, default));
        Assert.Equal(SurveyStatus.Closed, (await store.GetAsync(Tenant, "SV-101", default))!.Status);
    }
}
