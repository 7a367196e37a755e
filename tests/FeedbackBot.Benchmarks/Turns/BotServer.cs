using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Data.Tables;
using FeedbackBot.Core.Conversations;
using FeedbackBot.Core.Feedback;
using FeedbackBot.Core.Triage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FeedbackBot.Benchmarks.Turns;

/// <summary>
/// FeedbackBot itself (its Program, its configuration, its logging) on a real Kestrel port in a process of its own,
/// with one addition: its table client counts its requests, served at <c>GET /bench/storage</c>.
/// </summary>
public sealed class BotServer(ServeOptions serve, StorageCount count) : WebApplicationFactory<global::Program>
{
    public const string SlackTeam = "T0TEAM";
    public const string TeamsTenant = "tenant-1";
    public const string SlackTriageChannel = "CTRIAGE";
    public const string TeamsTriageChannel = "19:triage@thread.tacv2";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Production: what runs for real (no scope validation, no developer pages); Teams requests come unsigned here.
        builder.UseEnvironment("Production");
        builder.UseSetting("Teams:AllowUnauthenticated", "true");
        builder.UseSetting("Slack:BotToken", "xoxb-bench");
        builder.UseSetting("Slack:SigningSecret", serve.SigningSecret);
        builder.UseSetting("Slack:ApiBaseUrl", new Uri(serve.Sink, "api/").ToString());
        builder.UseSetting("Storage:ConnectionString", serve.Storage);
        builder.UseSetting("Storage:TablePrefix", serve.TablePrefix);
        builder.ConfigureServices(services =>
        {
            var options = new TableClientOptions();
            options.AddPolicy(count, HttpPipelinePosition.PerRetry);
            services.AddSingleton(new TableServiceClient(serve.Storage, options));
            services.AddSingleton<IStartupFilter>(new StorageCountRoute(count));
        });
    }

    /// <summary>
    /// Open reports on the payments API of both tenants, and a triage channel for it in each. The newest reports are
    /// filed through the store as the bot files them; the older bulk is copied from the first one's stored row, a
    /// hundred to a transaction (filing 20,000 one by one takes longer than the run on a busy machine).
    /// </summary>
    public async Task SeedAsync(int openReports, Action<string> progress)
    {
        var reports = Services.GetRequiredService<IReportStore>();
        var routes = Services.GetRequiredService<ITriageChannelStore>();
        var tables = Services.GetRequiredService<Storage.Tables>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (platform, tenant) in new[] { (Platform.Slack, SlackTeam), (Platform.Teams, TeamsTenant) })
        {
            var triage = platform == Platform.Slack
                ? new ConversationHandle(new ConversationAddress(platform, tenant, SlackTriageChannel, ConversationKind.Channel), SlackTriageChannel)
                : new ConversationHandle(new ConversationAddress(platform, tenant, TeamsTriageChannel, ConversationKind.Channel), TeamsReference(TeamsTriageChannel, "channel"));
            await routes.SetAsync(new TriageChannel($"{platform.ToString().ToLowerInvariant()}:{tenant}", "payments", triage, "bench", now), default);

            var filed = Math.Min(openReports, FiledThroughStore);
            var bulk = openReports - filed;
            await Parallel.ForEachAsync(Enumerable.Range(bulk, filed), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, cancellationToken) =>
                await reports.AddAsync(SeededReport(platform, tenant, n, now), cancellationToken));
            if (bulk > 0) await CopyAsync(await tables.GetAsync(Storage.Tables.Reports), SeededReport(platform, tenant, bulk, now), bulk, now);
            progress($"{openReports} open reports seeded on {platform}");
        }
    }

    /// <summary>How many of the seeded reports are filed one by one through the store (the newest ones).</summary>
    private const int FiledThroughStore = 500;

    private static async Task CopyAsync(TableClient table, FeedbackReport filed, int count, DateTimeOffset now)
    {
        // Found by its row key and tenant, so the copy does not depend on how the store shapes its partition keys.
        var template = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {filed.ShortId} and TenantKey eq {filed.TenantKey}")).FirstAsync();
        var rows = Enumerable.Range(0, count).Select(n =>
        {
            var row = new TableEntity(template.Where(p => p.Key is not ("Timestamp" or "odata.etag")).ToDictionary());
            var title = Title(n);
            row.RowKey = ShortId(n);
            row["Title"] = title;
            row["Details"] = Details(n, title);
            row["CreatedAt"] = now.AddMinutes(-n);
            return new TableTransactionAction(TableTransactionActionType.Add, row);
        });
        await Parallel.ForEachAsync(rows.Chunk(100), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, cancellationToken) =>
            await table.SubmitTransactionAsync(batch, cancellationToken));
    }

    private static string ShortId(int n) => $"FB-{500_000 + n}";

    private static string Title(int n) => $"Seeded s{n}a s{n}b s{n}c";

    private static string Details(int n, string title) => $"{title} happens on every call s{n}d.";

    /// <summary>A report nobody triaged yet; its words are its own (s{n}…), so a new report is not "similar" to it.</summary>
    private FeedbackReport SeededReport(Platform platform, string tenant, int n, DateTimeOffset now)
    {
        var reporter = new Person(platform, platform == Platform.Slack ? $"USEED{n % 500}" : $"aad-seed-{n % 500}", $"Seed reporter {n % 500}");
        var address = new ConversationAddress(platform, tenant, $"seed-{n % 500}", ConversationKind.Personal);
        var seenIn = new ConversationHandle(address, platform == Platform.Slack ? address.ConversationId : TeamsReference(address.ConversationId, "personal"));
        var title = Title(n);
        return new FeedbackReport(address.TenantKey, ShortId(n), "payments", FeedbackKind.Bug, title, Details(n, title),
            BugImpact.Degraded, "", "", "", reporter, seenIn, now.AddMinutes(-n), ReportStatus.New, Priority.None, "", "", 0, null,
            [new ReportEvent(now, reporter.Label, "Reported")]);
    }

    /// <summary>A ConversationReference as the SDK serializes it, pointed at the sink.</summary>
    public string TeamsReference(string conversationId, string type) => new JsonObject
    {
        ["bot"] = new JsonObject { ["id"] = "28:feedbackbot", ["name"] = "FeedbackBot" },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = type, ["tenantId"] = TeamsTenant },
        ["channelId"] = "msteams",
        ["serviceUrl"] = serve.Sink.ToString(),
    }.ToJsonString();

    private sealed class StorageCountRoute(StorageCount count) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/bench/storage", b => b.Run(context => context.Response.WriteAsJsonAsync(count.Snapshot())));
            next(app);
        };
    }
}

/// <summary>What a server process of the benchmark is told: which server, where storage and the sink are.</summary>
public sealed record ServeOptions(string Kind, int Port, string Storage, string TablePrefix, Uri Sink, string SigningSecret, int OpenReports)
{
    public IEnumerable<string> ToArgs() =>
    [
        "--serve", Kind, "--port", Port.ToString(), "--storage", Storage, "--prefix", TablePrefix, "--sink", Sink.ToString(),
        "--secret", SigningSecret, "--open-reports", OpenReports.ToString(),
    ];

    public static ServeOptions Parse(string[] args)
    {
        string Value(string name) => args[Array.IndexOf(args, name) + 1];
        return new ServeOptions(Value("--serve"), int.Parse(Value("--port")), Value("--storage"), Value("--prefix"), new Uri(Value("--sink")),
            Value("--secret"), int.Parse(Value("--open-reports")));
    }
}
