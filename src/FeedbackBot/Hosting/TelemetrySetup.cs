using FeedbackBot.Jobs;
using FeedbackBot.Slack;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace FeedbackBot.Hosting;

/// <summary>
/// OpenTelemetry for the whole host: traces of HTTP in, Table Storage (the Azure SDK's spans), Hangfire jobs, the inbox
/// and its turns, and HTTP out (Teams connector, Slack Web API); metrics of the same plus <see cref="BotTelemetry"/>'s;
/// logs with their trace id. Exporters only as <see cref="TelemetryOptions"/> say.
/// </summary>
public static class TelemetrySetup
{
    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidation>();
        var options = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

        JobTelemetry.Register();
        // The Azure SDK publishes its spans (one per Table Storage call) only when asked.
        AppContext.SetSwitch("Azure.Experimental.EnableActivitySource", true);
        // Console and other loggers put the trace and span ids in each line's scope.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName, serviceInstanceId: BotInstance.Id))
            .WithTracing(tracing =>
            {
                tracing.SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                    .AddSource(BotTelemetry.Name, "Azure.Data.Tables.*")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsProbe(context.Request.Path, options))
                    .AddHttpClientInstrumentation();
                if (options.ExportsOtlp) tracing.AddOtlpExporter(o => Otlp(o, options, "v1/traces"));
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(BotTelemetry.Name, JobTelemetry.MeterName, InboxCensus.MeterName, "Polly")
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
                if (options.ExportsOtlp) metrics.AddOtlpExporter(o => Otlp(o, options, "v1/metrics"));
                if (options.PrometheusEnabled) metrics.AddPrometheusExporter();
            })
            .WithLogging(logging =>
            {
                if (options.ExportsOtlp) logging.AddOtlpExporter(o => Otlp(o, options, "v1/logs"));
            }, logging => logging.IncludeScopes = true);
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, when enabled.</summary>
    public static WebApplication MapTelemetry(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        JobTelemetry.ObserveQueues(app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), app.Services.GetRequiredService<Hangfire.JobStorage>());
        if (options.PrometheusEnabled) app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        return app;
    }

    private static bool IsProbe(PathString path, TelemetryOptions options) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments(options.PrometheusPath);

    /// <summary>Over HTTP each signal has its own path under the endpoint; gRPC takes the endpoint as it is.</summary>
    private static void Otlp(OtlpExporterOptions exporter, TelemetryOptions options, string httpPath)
    {
        var grpc = options.OtlpProtocol == "grpc";
        exporter.Protocol = grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = grpc ? new Uri(options.OtlpEndpoint) : new Uri(new Uri(options.OtlpEndpoint.TrimEnd('/') + "/"), httpPath);
    }
}
