using System.Text.Json.Nodes;
using FeedbackBot.Cards.Tests.Templating;
using FeedbackBot.Templating;

namespace FeedbackBot.Cards.Tests.Cards;

/// <summary>The C# expander must give exactly what the official adaptivecards-templating 2.3.1 gives.</summary>
[Trait(Needs.Trait, Needs.Node)]
[Collection(OfficialCardToolsCollection.Name)]
public sealed class JsParityTests(OfficialCardTools tools)
{
    public static TheoryData<string> VariantIds() => new(CardFiles.DataFileIds().Where(id => id.Contains('.')));

    [Theory]
    [MemberData(nameof(CardFiles.TemplateNameData), MemberType = typeof(CardFiles))]
    public void Card_with_its_sample_data_expands_as_the_official_library_does(string template)
    {
        Assert.True(File.Exists(Path.Combine(CardFiles.OutputCardsDirectory, template + ".data.json")),
            $"cards/{template}.json has no sample data: add cards/{template}.data.json.");
        AssertSameAsJs(template);
    }

    [Theory]
    [MemberData(nameof(VariantIds))]
    public void Card_with_variant_data_expands_as_the_official_library_does(string caseId) => AssertSameAsJs(caseId);

    [Theory]
    [MemberData(nameof(TemplatingSemanticsCases.Names), MemberType = typeof(TemplatingSemanticsCases))]
    public void Templating_semantics_match_the_official_library(string name)
    {
        var semantics = TemplatingSemanticsCases.All.Single(c => c.Name == name);
        var js = tools.JsExpansion(semantics.JsId);
        if (js["error"] is { } error)
        {
            var thrown = Assert.Throws<CardTemplateException>(() => semantics.ExpandWithCSharp());
            Assert.Contains(name, thrown.Message);
            return;
        }
        JsonAssert.Equal(js["card"], semantics.ExpandWithCSharp(), $"semantics case '{name}' (expected: JS, actual: C#)");
    }

    private void AssertSameAsJs(string caseId)
    {
        var sample = CardFiles.Cases().Single(c => c.Id == caseId);
        var js = tools.JsExpansion(caseId);
        Assert.True(js["error"] is null, $"The JS library failed on {caseId}: {js["error"]}");
        var csharp = OfficialCardTools.Cards.Expand(sample.Template, sample.Data);
        JsonAssert.Equal(js["card"], csharp, $"cards/{sample.Template}.json with {caseId}.data.json (expected: JS, actual: C#)");
    }
}
