namespace FeedbackBot.Tests.Infrastructure;

/// <summary>Catalog entries tests add beside the seeded Payments API.</summary>
public static class TestCatalog
{
    /// <summary>A second API, "orders", for tests that need two.</summary>
    public static void WithOrdersApi(Dictionary<string, string?> settings)
    {
        settings["Catalog:Apis:1:Id"] = "orders";
        settings["Catalog:Apis:1:Name"] = "Orders API";
        settings["Catalog:Apis:1:Pitch"] = "Place and track orders.";
        settings["Catalog:Apis:1:Status"] = "Preview";
    }
}
