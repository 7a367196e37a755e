using System.Text.Json.Nodes;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Tests.Catalog;

public sealed class ApiFormTests
{
    private static JsonObject Valid() => new()
    {
        ["id"] = "orders", ["name"] = "Orders API", ["pitch"] = "Place and track orders.", ["audience"] = "Shops",
        ["problem"] = "Orders lived in three systems.", ["status"] = "Preview", ["version"] = "0.9",
        ["docsUrl"] = "https://developer.example.com/orders", ["owners"] = "slack:U1, teams:11111111-2222-3333-4444-555555555555",
    };

    private static (ApiEntry? Api, IReadOnlyDictionary<string, string> Errors) Read(JsonObject values, string? fixedId = null) =>
        ApiForm.Read(new CardAction(CatalogVerbs.Save, values), fixedId);

    [Fact]
    public void A_complete_form_becomes_an_entry()
    {
        var (api, errors) = Read(Valid());

        Assert.Empty(errors);
        Assert.Equal(new[] { "slack:U1", "teams:11111111-2222-3333-4444-555555555555" }, api!.Owners);
        Assert.Equal(ApiLifecycle.Preview, api.Status);
        Assert.Equal("orders", api.Id);
    }

    [Theory]
    [InlineData("name")]
    [InlineData("pitch")]
    [InlineData("status")]
    [InlineData("id")]
    public void A_missing_required_field_is_an_error_on_that_field(string input)
    {
        var values = Valid();
        values[input] = "";

        var (api, errors) = Read(values);

        Assert.Null(api);
        Assert.Equal(input, Assert.Single(errors).Key);
    }

    [Fact]
    public void An_id_typed_in_capitals_is_stored_in_lower_case()
    {
        var values = Valid();
        values["id"] = "Orders";

        Assert.Equal("orders", Read(values).Api!.Id);
    }

    [Theory]
    [InlineData("-orders")]
    [InlineData("o")]
    [InlineData("orders/../x")]
    public void Ids_are_short_lower_case_slugs(string id)
    {
        var values = Valid();
        values["id"] = id;

        Assert.Contains("id", Read(values).Errors.Keys);
    }

    [Fact]
    public void Text_over_its_limit_is_refused_with_the_numbers()
    {
        var values = Valid();
        values["pitch"] = new string('x', 40_000);

        var error = Read(values).Errors["pitch"];

        Assert.Contains("300", error);
        Assert.Contains("40,000", error);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("developer.example.com")]
    [InlineData("ftp://example.com")]
    public void Docs_links_must_be_web_addresses(string url)
    {
        var values = Valid();
        values["docsUrl"] = url;

        Assert.Contains("docsUrl", Read(values).Errors.Keys);
    }

    [Fact]
    public void Owners_must_name_people_the_way_configuration_does()
    {
        var values = Valid();
        values["owners"] = "slack:U1, dana@example.com";

        Assert.Contains("dana@example.com", Read(values).Errors["owners"]);
    }

    [Fact]
    public void User_text_is_kept_as_typed_including_mentions()
    {
        var values = Valid();
        values["pitch"] = "Ping <!channel> & @everyone";

        Assert.Equal("Ping <!channel> & @everyone", Read(values).Api!.Pitch);
    }

    [Fact]
    public void In_edit_mode_the_id_comes_from_the_entry_not_the_form()
    {
        var values = Valid();
        values["id"] = "someone-else";

        Assert.Equal("orders", Read(values, fixedId: "orders").Api!.Id);
    }
}
