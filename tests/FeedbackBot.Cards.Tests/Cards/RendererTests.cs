namespace FeedbackBot.Cards.Tests.Cards;

/// <summary>Every expanded sample parses in the official adaptivecards renderer (headless Chromium) with no warning.</summary>
[Trait(Needs.Trait, Needs.Chromium)]
[Trait(Needs.Trait, Needs.Node)]
[Collection(OfficialCardToolsCollection.Name)]
public sealed class RendererTests(OfficialCardTools tools)
{
    [Theory]
    [MemberData(nameof(CardFiles.TemplateNameData), MemberType = typeof(CardFiles))]
    public void Card_with_its_sample_data_parses_without_warnings(string template) => AssertClean(template);

    [Theory]
    [MemberData(nameof(JsParityTests.VariantIds), MemberType = typeof(JsParityTests))]
    public void Card_with_variant_data_parses_without_warnings(string caseId) => AssertClean(caseId);

    private void AssertClean(string caseId)
    {
        var (failure, result) = tools.RendererResult(caseId);
        if (failure is not null) Assert.Fail(failure);
        Assert.True(result is not null, $"{caseId} was not validated: it has no sample data or does not expand in C# (see the parity tests).");
        var warnings = result["warnings"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();
        Assert.True(warnings.Count == 0, $"The renderer reported for {caseId}:\n  " + string.Join("\n  ", warnings));
        Assert.True(result["rendered"]!.GetValue<bool>(), $"The renderer produced no element for {caseId}.");
    }
}
