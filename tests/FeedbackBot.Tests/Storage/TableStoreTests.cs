using Azure.Data.Tables;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Hosting;
using FeedbackBot.Storage;
using FeedbackBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace FeedbackBot.Tests.Storage;

/// <summary>The stores against real Azurite: keys, ETag concurrency, isolation.</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TableStoreTests
{
    private static readonly ApiEntry Orders = new("orders", "Orders API", "Place orders.", "", "", ApiLifecycle.GA, "1.0", "", ["slack:U1"]);

    private static Tables NewTables(string? prefix = null) => new(
        new TableServiceClient(Azurite.ConnectionString),
        Options.Create(new StorageOptions { TablePrefix = prefix ?? "s" + Guid.NewGuid().ToString("N")[..12] }));

    [Fact]
    public async Task Two_edits_of_the_same_version_leave_exactly_one()
    {
        var store = new CatalogStore(NewTables());
        await store.AddAsync("slack:T1", Orders, "slack:U1", default);
        var loaded = (await store.GetAsync("slack:T1", "orders", default))!;

        var results = await Task.WhenAll(
            store.ReplaceAsync("slack:T1", Orders with { Name = "First" }, loaded.ETag, "slack:U1", default),
            store.ReplaceAsync("slack:T1", Orders with { Name = "Second" }, loaded.ETag, "slack:U2", default));

        Assert.Single(results, SaveOutcome.Saved);
        Assert.Single(results, SaveOutcome.ChangedByOthers);
        var winner = results[0] == SaveOutcome.Saved ? "First" : "Second";
        Assert.Equal(winner, (await store.GetAsync("slack:T1", "orders", default))!.Api.Name);
    }

    [Fact]
    public async Task A_forged_etag_changes_nothing()
    {
        var store = new CatalogStore(NewTables());
        await store.AddAsync("slack:T1", Orders, "slack:U1", default);

        var outcome = await store.ReplaceAsync("slack:T1", Orders with { Name = "Forged" }, "W/\"datetime'2001-01-01T00%3A00%3A00Z'\"", "slack:U9", default);

        Assert.Equal(SaveOutcome.ChangedByOthers, outcome);
        Assert.Equal("Orders API", (await store.GetAsync("slack:T1", "orders", default))!.Api.Name);
    }

    [Fact]
    public async Task Adding_an_existing_id_is_refused_and_keeps_the_first()
    {
        var store = new CatalogStore(NewTables());

        var first = await store.AddAsync("slack:T1", Orders, "slack:U1", default);
        var second = await store.AddAsync("slack:T1", Orders with { Name = "Again" }, "slack:U2", default);

        Assert.Equal((SaveOutcome.Saved, SaveOutcome.AlreadyExists), (first, second));
        Assert.Equal("Orders API", (await store.GetAsync("slack:T1", "orders", default))!.Api.Name);
    }

    [Fact]
    public async Task Each_tenant_lists_only_its_own_entries_and_every_field_round_trips()
    {
        var store = new CatalogStore(NewTables());
        var full = new ApiEntry("billing", "Billing API", "Invoices <!channel> & more", "Finance", "Paper invoices", ApiLifecycle.Deprecated, "3.1",
            "https://developer.example.com/billing", ["slack:U1", "teams:00000000-0000-0000-0000-000000000001"]);
        await store.AddAsync("slack:T1", full, "slack:U1", default);
        await store.AddAsync("teams:tenant-2", Orders, "teams:x", default);

        var listed = Assert.Single(await store.ListAsync("slack:T1", default));

        Assert.Equal(full.Owners, listed.Api.Owners);
        Assert.Equal(full with { Owners = listed.Api.Owners }, listed.Api);
        Assert.False(listed.Seeded);
    }

    [Fact]
    public async Task A_pending_question_survives_in_the_table_and_any_id_is_a_valid_key()
    {
        var tables = NewTables();
        var store = new FlowStateStore(tables);
        var conversation = new ConversationAddress(Platform.Teams, "tenant/1#", "19:abc@thread.tacv2;messageid=1?x", ConversationKind.Channel);
        var person = new Person(Platform.Teams, "aad\\odd");
        var expires = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

        await store.SaveAsync(conversation, person, new PendingQuestion("about", expires), default);
        var loaded = await new FlowStateStore(tables).GetAsync(conversation, person, default);
        await store.ClearAsync(conversation, person, default);

        Assert.Equal(new PendingQuestion("about", expires), loaded);
        Assert.Null(await store.GetAsync(conversation, person, default));
    }

    [Theory]
    [InlineData("payments")]
    [InlineData("19:abc@thread.tacv2;messageid=1")]
    [InlineData("a/b\\c#d?e%f")]
    [InlineData("ctl\u0001\u007f\u0085end")]
    [InlineData("100%25 literal")]
    public void Escaped_keys_read_back_exactly(string id)
    {
        var key = TableKey.Escape(id);

        Assert.DoesNotMatch(@"[/\\#?\p{Cc}]", key);
        Assert.Equal(id, TableKey.Unescape(key));
    }

    [Fact]
    public async Task Table_names_carry_the_prefix()
    {
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        var tables = NewTables(prefix);

        await new CatalogStore(tables).AddAsync("slack:T1", Orders, "slack:U1", default);

        var names = new List<string>();
        await foreach (var table in tables.Service.QueryAsync(t => t.Name == prefix + "Catalog")) names.Add(table.Name);
        Assert.Equal([prefix + "Catalog"], names);
    }
}
