using Microsoft.Extensions.Options;

namespace FeedbackBot.Hosting;

/// <summary>
/// <c>Telemetry</c>: where traces, metrics and logs go. Nothing is exported by default; set an OTLP endpoint (an
/// OpenTelemetry Collector, Jaeger, Grafana Alloy, Azure Monitor's collector …) and/or turn on the Prometheus endpoint.
/// </summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>The <c>service.name</c> every signal carries.</summary>
    public string ServiceName { get; set; } = "feedbackbot";

    /// <summary>OTLP endpoint (<c>http://collector:4317</c> for gRPC, <c>http://collector:4318</c> for HTTP); empty exports nothing over OTLP.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary><c>grpc</c> (default) or <c>http/protobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Serve metrics for Prometheus to scrape at <see cref="PrometheusPath"/>.</summary>
    public bool PrometheusEnabled { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>Share of traces kept (1 = all). Children follow their parent's decision, so a kept trace is whole.</summary>
    public double TraceSampleRatio { get; set; } = 1.0;

    public bool ExportsOtlp => OtlpEndpoint.Length > 0;
}

public sealed class TelemetryOptionsValidation : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var errors = new List<string>();
        if (options.ExportsOtlp && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            errors.Add($"Telemetry:OtlpEndpoint '{options.OtlpEndpoint}' must be an absolute http(s) address, e.g. http://otel-collector:4317.");
        if (options.OtlpProtocol is not ("grpc" or "http/protobuf"))
            errors.Add($"Telemetry:OtlpProtocol '{options.OtlpProtocol}' is not known; use grpc or http/protobuf.");
        if (!options.PrometheusPath.StartsWith('/'))
            errors.Add($"Telemetry:PrometheusPath '{options.PrometheusPath}' must start with '/', e.g. /metrics.");
        if (options.TraceSampleRatio is < 0 or > 1 || double.IsNaN(options.TraceSampleRatio))
            errors.Add($"Telemetry:TraceSampleRatio is {options.TraceSampleRatio}; give a share between 0 and 1.");
        if (string.IsNullOrWhiteSpace(options.ServiceName)) errors.Add("Telemetry:ServiceName is empty; name the service (feedbackbot).");
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
