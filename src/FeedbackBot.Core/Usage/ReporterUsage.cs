using System.Text.RegularExpressions;
using FeedbackBot.Core.Access;
using FeedbackBot.Core.Catalog;
using FeedbackBot.Core.Conversations;

namespace FeedbackBot.Core.Usage;

/// <summary>
/// Usage beside a voice: what the gateway saw of the person's linked consumer on this API in the last 30 days, in one line
/// for the triage card ("acme-shop: 4,210 calls in 30 days, 3.1% errors, most failing: POST /refunds"). Empty when unlinked.
/// </summary>
public sealed class ReporterUsage(IUsageLinks links, IUsageRollups rollups, TimeProvider time)
{
    public const int Days = 30;

    public async Task<string> DescribeAsync(string tenantKey, string apiId, Person reporter, CancellationToken cancellationToken)
    {
        var consumer = await links.ConsumerOfAsync(tenantKey, apiId, reporter, cancellationToken);
        if (consumer is null) return "";
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var sum = new UsageRollup();
        foreach (var day in await rollups.DaysAsync(tenantKey, apiId, today.AddDays(-(Days - 1)), today, cancellationToken)) sum.Merge(day.Rollup);
        var counts = sum.ByConsumer().GetValueOrDefault(consumer);
        if (counts is null) return $"{UsageText.Consumer(consumer)}: no calls in {Days} days";
        var failing = sum.Cells.Where(c => c.Key.Consumer == consumer && c.Value.Errors > 0)
            .OrderByDescending(c => c.Value.Errors).ThenBy(c => c.Key.Route, StringComparer.Ordinal).Select(c => c.Key.Route).FirstOrDefault();
        return $"{UsageText.Consumer(consumer)}: {UsageText.Count(counts.Calls)} calls in {Days} days, {UsageText.Percent(counts.ErrorRate)} errors"
            + (failing is null ? "" : $", most failing: {failing}");
    }
}

/// <summary><c>usage link &lt;api&gt; &lt;consumer&gt; &lt;person&gt; …</c>: these people are that gateway consumer (their reports then show its usage).</summary>
public sealed partial class UsageLinkHandler(IUsageLinks links, ApiCatalog catalog, RoleDirectory roles) : ITurnHandler
{
    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, string arguments, CancellationToken cancellationToken)
    {
        if (!roles.IsProductManager(turn.User)) return [new Reply.Text("Only product managers can link consumers to people.")];
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3)
            return [new Reply.Text("`usage link <api> <consumer> <person> …`, people as `@mentions`, `slack:<user id>` or `teams:<AAD object id>`, e.g. `usage link payments acme-shop slack:U024BE7LH`.")];
        var api = await catalog.FindAsync(turn.TenantKey, words[0], cancellationToken);
        if (api is null) return [ApiResolver.Unknown(words[0])];
        if (words[1].Length > 200) return [new Reply.Text("A consumer id is at most 200 characters.")];
        var people = new List<Person>();
        foreach (var word in words.Skip(2))
        {
            var mention = SlackMention().Match(word);
            if (mention.Success && turn.Conversation.Platform == Platform.Slack) people.Add(new Person(Platform.Slack, mention.Groups[1].Value));
            else if (Person.TryParse(word, out var person) && person.Platform == turn.Conversation.Platform) people.Add(person);
            else return [new Reply.Text($"I can't tell who \"{UsageKeyNewHandler.JsonShort(word)}\" is: name people as @mentions, or `{turn.Conversation.Platform.ToString().ToLowerInvariant()}:<id>`.")];
        }
        foreach (var person in people) await links.LinkAsync(turn.TenantKey, api.Api.Id, words[1], person, turn.User.Label, cancellationToken);
        return [new Reply.Text($"Linked {people.Count} {(people.Count == 1 ? "person" : "people")} to consumer {words[1]} of {api.Api.Name}: their reports on it now show its usage to triage.")];
    }

    [GeneratedRegex("^<@([A-Z0-9]+)(\\|[^>]*)?>$")]
    private static partial Regex SlackMention();
}
