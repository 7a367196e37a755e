namespace FeedbackBot.Testing;

/// <summary>
/// The <c>Needs</c> trait marks tests that need a tool outside .NET, so a developer can leave them out:
/// <c>dotnet test FeedbackBot.sln --filter "Needs!=Chromium&amp;Needs!=Node&amp;Needs!=PostgreSQL"</c>.
/// <c>npm test</c> runs every test. Linked into each test project from <c>tests/Shared</c>.
/// </summary>
internal static class Needs
{
    public const string Trait = "Needs";

    /// <summary>Headless Chromium at /usr/bin/chromium with the official Adaptive Cards renderer (implies Node).</summary>
    public const string Chromium = "Chromium";

    /// <summary>Node with the repository's node_modules: the official JS templating library, the manifest scripts.</summary>
    public const string Node = "Node";

    /// <summary>A PostgreSQL server named by FEEDBACKBOT_TEST_POSTGRES (eng/test.sh starts a private one).</summary>
    public const string PostgreSQL = "PostgreSQL";

    /// <summary>
    /// Azurite, started by the tests from node_modules in about a second. Not in the quick filter above: the
    /// in-process HTTP tests are the product's behaviour; add <c>&amp;Needs!=Azurite</c> to leave them out too.
    /// </summary>
    public const string Azurite = "Azurite";
}
