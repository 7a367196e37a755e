using System.Text.Json.Nodes;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Tests.Doubles;

namespace FeedbackBot.Core.Tests.Catalog;

public sealed class CatalogConversationTests
{
    private static JsonObject Form(string mode, string id, string name, string etag = "") => new()
    {
        ["mode"] = mode, ["apiId"] = mode == "edit" ? id : "", ["etag"] = etag,
        ["id"] = id, ["name"] = name, ["pitch"] = "Does things.", ["status"] = "GA", ["owners"] = "",
    };

    [Fact]
    public async Task About_shows_the_story_with_edit_only_for_those_who_may()
    {
        var app = new CoreApp();

        var forConsumer = Assert.IsType<Reply.Card>(Assert.Single(await app.SayAsync("about payments", CoreApp.Consumer)));
        var forOwner = Assert.IsType<Reply.Card>(Assert.Single(await app.SayAsync("about payments", CoreApp.Owner)));

        Assert.Contains("Take card payments with one call.", forConsumer.Content.ToJsonString());
        Assert.DoesNotContain(CatalogVerbs.Edit, forConsumer.Content.ToJsonString());
        Assert.Contains(CatalogVerbs.Edit, forOwner.Content.ToJsonString());
    }

    [Fact]
    public async Task Unknown_api_gets_a_pointer_to_the_catalog()
    {
        var reply = Assert.IsType<Reply.Text>(Assert.Single(await new CoreApp().SayAsync("about billing")));

        Assert.Contains("\"billing\"", reply.Message);
        Assert.Contains("`apis`", reply.Message);
    }

    [Fact]
    public async Task Only_product_managers_may_open_the_add_form()
    {
        var app = new CoreApp();

        Assert.IsType<Reply.Form>(Assert.Single(await app.SayAsync("api add", CoreApp.ProductManager)));
        Assert.Contains("Only product managers", Assert.IsType<Reply.Text>(Assert.Single(await app.SayAsync("api add", CoreApp.Consumer))).Message);
    }

    [Fact]
    public async Task A_saved_api_is_listed_and_found_by_name()
    {
        var app = new CoreApp();

        var saved = Assert.IsType<Reply.UpdateCard>(Assert.Single(await app.ClickAsync(CatalogVerbs.Save, Form("add", "orders", "Orders API"), CoreApp.ProductManager)));
        var about = Assert.IsType<Reply.Card>(Assert.Single(await app.SayAsync("about orders api")));

        Assert.Equal("Saved Orders API", saved.Summary);
        Assert.Equal("About Orders API", about.Summary);
        Assert.Equal(2, (await app.Catalog.ListAsync(CoreApp.Dm.TenantKey, default)).Count);
    }

    [Fact]
    public async Task An_invalid_form_is_redrawn_with_field_errors_and_nothing_is_stored()
    {
        var app = new CoreApp();

        var errors = Assert.IsType<Reply.FieldErrors>(Assert.Single(await app.ClickAsync(CatalogVerbs.Save, Form("add", "orders", ""), CoreApp.ProductManager)));

        Assert.Equal("name", Assert.Single(errors.Errors).Key);
        Assert.Contains("Give the API a name.", errors.Redrawn.Content.ToJsonString());
        Assert.Empty(await app.Store.ListAsync(CoreApp.Dm.TenantKey, default));
    }

    [Fact]
    public async Task Adding_an_id_the_seed_already_has_is_a_field_error()
    {
        var app = new CoreApp();

        var errors = Assert.IsType<Reply.FieldErrors>(Assert.Single(await app.ClickAsync(CatalogVerbs.Save, Form("add", "payments", "Other"), CoreApp.ProductManager)));

        Assert.Contains("already an API", errors.Errors["id"]);
    }

    [Fact]
    public async Task A_consumer_forging_a_save_is_refused_and_nothing_changes()
    {
        var app = new CoreApp();

        var reply = Assert.IsType<Reply.Text>(Assert.Single(await app.ClickAsync(CatalogVerbs.Save, Form("edit", "payments", "Hacked"), CoreApp.Consumer)));

        Assert.Contains("Nothing was saved", reply.Message);
        Assert.Equal("Payments API", (await app.Catalog.FindAsync(CoreApp.Dm.TenantKey, "payments", default))!.Api.Name);
    }

    [Fact]
    public async Task The_owner_edits_a_seeded_api_and_a_second_edit_of_the_same_version_is_refused()
    {
        var app = new CoreApp();

        Assert.IsType<Reply.UpdateCard>(Assert.Single(await app.ClickAsync(CatalogVerbs.Save, Form("edit", "payments", "Payments API v3"), CoreApp.Owner)));
        var late = await app.ClickAsync(CatalogVerbs.Save, Form("edit", "payments", "Stale edit"), CoreApp.ProductManager);

        Assert.Contains("Someone else saved", Assert.IsType<Reply.Text>(late[0]).Message);
        Assert.Equal("Payments API v3", (await app.Catalog.FindAsync(CoreApp.Dm.TenantKey, "payments", default))!.Api.Name);
    }

    [Fact]
    public async Task Tenants_do_not_see_each_others_stored_apis()
    {
        var app = new CoreApp();
        await app.ClickAsync(CatalogVerbs.Save, Form("add", "orders", "Orders API"), CoreApp.ProductManager);

        var other = await app.Catalog.FindAsync("slack:T2", "orders", default);

        Assert.Null(other);
    }

    [Fact]
    public async Task Help_shows_product_manager_commands_only_to_product_managers_and_owners()
    {
        var app = new CoreApp();

        string HelpFor(Person person) => Assert.IsType<Reply.Card>(Assert.Single(app.SayAsync("help", person).Result)).Content.ToJsonString();

        Assert.DoesNotContain("api add", HelpFor(CoreApp.Consumer));
        Assert.Contains("api add", HelpFor(CoreApp.ProductManager));
        Assert.Contains("api add", HelpFor(CoreApp.Owner));
        Assert.Contains("about <api>", HelpFor(CoreApp.Consumer).Replace("\\u003C", "<").Replace("\\u003E", ">"));
    }
}
