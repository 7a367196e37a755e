using System.Diagnostics;
using System.Diagnostics.Metrics;
using FeedbackBot.Hosting;
using Hangfire;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;

namespace FeedbackBot.Jobs;

/// <summary>
/// Hangfire in traces and metrics. A job carries the trace context of the code that created it (a job parameter), so
/// a survey's fan-out continues the trace of the click that started it; each run is a span named after its method.
/// Queue lengths are read from the storage when metrics are collected.
/// </summary>
public sealed class JobTelemetry : JobFilterAttribute, IClientFilter, IServerFilter
{
    public const string MeterName = "FeedbackBot.Jobs";
    private const string TraceParent = "traceparent";
    private const string SpanItem = "feedbackbot.span";

    /// <summary>Hangfire's filters are process-wide; one instance serves every host in the process.</summary>
    public static void Register()
    {
        lock (GlobalJobFilters.Filters)
        {
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is JobTelemetry)) GlobalJobFilters.Filters.Add(new JobTelemetry());
        }
    }

    /// <summary>Observable gauges of the queues (enqueued, scheduled, processing, failed, retrying) of this host's storage.</summary>
    public static void ObserveQueues(IMeterFactory meters, JobStorage storage)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("feedbackbot.jobs", () => Queues(storage), "{job}", "Hangfire jobs by state.");
    }

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current is { } current) context.SetJobParameter(TraceParent, current.Id);
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        ActivityContext.TryParse(context.GetJobParameter<string>(TraceParent), null, out var parent);
        var span = BotTelemetry.Source.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Consumer, parent);
        span?.SetTag("hangfire.job.id", context.BackgroundJob.Id);
        if (span is not null) context.Items[SpanItem] = span;
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(SpanItem, out var item) && item is Activity span)
        {
            if (context.Exception is { } failure && !context.ExceptionHandled) span.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            span.Dispose();
        }
    }

    private static IEnumerable<Measurement<long>> Queues(JobStorage storage)
    {
        Hangfire.Storage.Monitoring.StatisticsDto statistics;
        try
        {
            statistics = storage.GetMonitoringApi().GetStatistics();
        }
        catch (Exception)
        {
            // Storage down: no figure rather than a wrong one; /health names the outage.
            yield break;
        }
        yield return new(statistics.Enqueued, new KeyValuePair<string, object?>("state", "enqueued"));
        yield return new(statistics.Scheduled, new KeyValuePair<string, object?>("state", "scheduled"));
        yield return new(statistics.Processing, new KeyValuePair<string, object?>("state", "processing"));
        yield return new(statistics.Failed, new KeyValuePair<string, object?>("state", "failed"));
        yield return new(statistics.Retries ?? 0, new KeyValuePair<string, object?>("state", "retrying"));
    }
}
