using System.Diagnostics;
using System.Net;
using FeedbackBot.Tests.Infrastructure;
using FeedbackBot.Tests.Slack;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace FeedbackBot.Tests.Operations;

/// <summary>Traces, metrics and logs as an operator's collector would receive them (the in-memory exporter stands in for it).</summary>
[Trait(Needs.Trait, Needs.Azurite)]
public sealed class TelemetryTests
{
    [Fact]
    public async Task A_slack_event_and_its_reply_are_one_trace_from_the_request_through_the_inbox_to_slack()
    {
        var spans = new List<Activity>();
        await using var bot = await BotApplication.StartAsync(services: s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));

        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("help")));
        var reply = await bot.Slack.WaitForCallAsync("chat.postMessage");

        // Other tests in this process trace too: the reply's own trace context (what Slack's fake received) picks this trace.
        var traceparent = reply.Headers.GetValueOrDefault("traceparent") ?? throw new Xunit.Sdk.XunitException("chat.postMessage carried no traceparent");
        var traceId = ActivityTraceId.CreateFromString(traceparent.Split('-')[1]);
        bool InTrace(Activity s) => s.TraceId == traceId;

        await WaitForSpanAsync(spans, s => InTrace(s) && s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == SlackRequests.Events, "the request span");
        await WaitForSpanAsync(spans, s => InTrace(s) && s.Source.Name.StartsWith("Azure.Data.Tables", StringComparison.Ordinal), "the inbox insert in Table Storage");
        await WaitForSpanAsync(spans, s => InTrace(s) && s.DisplayName == "slack.inbox process Event", "the inbox worker's span");
        await WaitForSpanAsync(spans, s => InTrace(s) && s.DisplayName == "turn help", "the turn's span");
        await WaitForSpanAsync(spans, s => InTrace(s) && s.Kind == ActivityKind.Client && (s.GetTagItem("url.full") as string ?? "").Contains("chat.postMessage"),
            "the chat.postMessage call");
    }

    [Fact]
    public async Task Turns_acknowledgements_and_the_inbox_are_counted()
    {
        var metrics = new List<Metric>();
        await using var bot = await BotApplication.StartAsync(services: s => s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics)));

        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("help")));
        await bot.Slack.WaitForCallAsync("chat.postMessage");
        await WaitUntilAsync(() =>
        {
            metrics.Clear();
            bot.Services.GetRequiredService<MeterProvider>().ForceFlush();
            return Points(metrics, "feedbackbot.turns").Any(p => Tag(p, "handler") == "help" && Tag(p, "platform") == "Slack" && Tag(p, "outcome") == "ok");
        }, "a help turn counted");

        Assert.Contains(Points(metrics, "feedbackbot.ack.duration"), p => Tag(p, "platform") == "Slack" && p.GetHistogramCount() >= 1);
        Assert.NotEmpty(Points(metrics, "feedbackbot.jobs"));
        Assert.Contains(metrics, m => m.Name == "http.server.request.duration");
    }

    [Fact]
    public async Task Logs_carry_the_trace_id_of_the_request_they_were_written_in()
    {
        var logs = new List<LogRecord>();
        var spans = new List<Activity>();
        await using var bot = await BotApplication.StartAsync(services: s =>
        {
            s.ConfigureOpenTelemetryLoggerProvider(l => l.AddInMemoryExporter(logs));
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans));
        });

        var forged = SlackRequests.Request(SlackRequests.Events, SlackRequests.Event(SlackRequests.DirectMessage("help")),
            SlackRequests.JsonContentType, "not-the-secret", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        var response = await bot.CreateClient().SendAsync(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        LogRecord? refusal = null;
        await WaitUntilAsync(() => (refusal = logs.ToArray().SingleOrDefault(l => (l.FormattedMessage ?? l.Body ?? "").Contains("Refused a Slack"))) is not null,
            "the refusal logged");
        Assert.NotEqual(default, refusal!.TraceId);
        await WaitForSpanAsync(spans, s => s.TraceId == refusal.TraceId && s.Kind == ActivityKind.Server && s.GetTagItem("url.path") as string == SlackRequests.Events,
            "the refused request's span, in the log's trace");
    }

    [Fact]
    public async Task The_prometheus_endpoint_is_off_by_default_and_serves_the_bots_metrics_when_enabled()
    {
        await using (var plain = await BotApplication.StartAsync())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await plain.CreateClient().GetAsync("/metrics")).StatusCode);
        }

        await using var bot = await BotApplication.StartAsync(s => s["Telemetry:PrometheusEnabled"] = "true");
        await bot.SendSlackEventAsync(SlackRequests.Event(SlackRequests.DirectMessage("help")));
        await bot.Slack.WaitForCallAsync("chat.postMessage");

        var text = "";
        await WaitUntilAsync(async () => (text = await bot.CreateClient().GetStringAsync("/metrics")).Contains("feedbackbot_turns"), "feedbackbot_turns scraped");
        Assert.Contains("handler=\"help\"", text);
    }

    [Fact]
    public async Task A_bad_telemetry_setting_stops_start_up_with_a_message_naming_it()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => BotApplication.StartAsync(s => s["Telemetry:OtlpEndpoint"] = "collector:4317"));

        Assert.Contains("Telemetry:OtlpEndpoint", Messages(failure));
    }

    internal static string Messages(Exception failure)
    {
        var all = new System.Text.StringBuilder();
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            all.AppendLine(e.Message);
            if (e is Microsoft.Extensions.Options.OptionsValidationException validation) all.AppendLine(string.Join("\n", validation.Failures));
        }
        return all.ToString();
    }

    private static List<MetricPoint> Points(List<Metric> metrics, string name)
    {
        var points = new List<MetricPoint>();
        foreach (var metric in metrics.ToArray().Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints()) points.Add(point);
        }
        return points;
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key) return tag.Value?.ToString();
        }
        return null;
    }

    private static async Task<Activity> WaitForSpanAsync(List<Activity> spans, Func<Activity, bool> match, string what)
    {
        Activity? found = null;
        await WaitUntilAsync(() =>
        {
            found = spans.ToArray().FirstOrDefault(match);
            return found is not null;
        }, what);
        return found!;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Expected {what} within 15 s.");
            await Task.Delay(50);
        }
    }
}
