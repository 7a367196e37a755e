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

    /// <summary>Open reports on the payments API of both tenants, and a triage channel for it in each.</summary>
    public async Task SeedAsync(int openReports, Action<string> progress)
    {
        var reports = Services.GetRequiredService<IReportStore>();
        var routes = Services.GetRequiredService<ITriageRoutes>();
        var now = DateTimeOffset.UtcNow;
        foreach (var (platform, tenant) in new[] { (Platform.Slack, SlackTeam), (Platform.Teams, TeamsTenant) })
        {
            var triage = platform == Platform.Slack
                ? new ConversationHandle(new ConversationAddress(platform, tenant, SlackTriageChannel, ConversationKind.Channel), SlackTriageChannel)
                : new ConversationHandle(new ConversationAddress(platform, tenant, TeamsTriageChannel, ConversationKind.Channel), TeamsReference(TeamsTriageChannel, "channel"));
            await routes.SetAsync(new TriageRoute($"{platform.ToString().ToLowerInvariant()}:{tenant}", "payments", triage, "bench", now), default);
            var done = 0;
            await Parallel.ForEachAsync(Enumerable.Range(0, openReports), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, cancellationToken) =>
            {
                await reports.AddAsync(SeededReport(platform, tenant, n, now), cancellationToken);
                if (Interlocked.Increment(ref done) % 2000 == 0) progress($"{done} open reports seeded on {platform}");
            });
        }
    }

    /// <summary>A report nobody triaged yet; its words are its own (s{n}…), so a new report is not "similar" to it.</summary>
    private FeedbackReport SeededReport(Platform platform, string tenant, int n, DateTimeOffset now)
    {
        var reporter = new Person(platform, platform == Platform.Slack ? $"USEED{n % 500}" : $"aad-seed-{n % 500}", $"Seed reporter {n % 500}");
        var address = new ConversationAddress(platform, tenant, $"seed-{n % 500}", ConversationKind.Personal);
        var seenIn = new ConversationHandle(address, platform == Platform.Slack ? address.ConversationId : TeamsReference(address.ConversationId, "personal"));
        var title = $"Seeded s{n}a s{n}b s{n}c";
        return new FeedbackReport(address.TenantKey, $"FB-{500_000 + n}", "payments", FeedbackKind.Bug, title, $"{title} happens on every call s{n}d.",
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
