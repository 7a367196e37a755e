using System.Reflection;

namespace FeedbackBot.Playground;

/// <summary>
/// The page and its scripts, built into the assembly (so a published build carries them), with the official Adaptive
/// Cards renderer copied in at build time from node_modules/adaptivecards (see FeedbackBot.csproj).
/// </summary>
public sealed class PlaygroundPage
{
    public const string RendererFile = "vendor/adaptivecards.min.js";
    public const string RendererMissing =
        "The official Adaptive Cards renderer (npm package adaptivecards) was not built into this app: node_modules was missing at build time. " +
        "Run `npm ci` (npm start does it) and build again.";

    private static readonly Dictionary<string, string> Types = new()
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript; charset=utf-8", [".css"] = "text/css; charset=utf-8",
    };

    private readonly Assembly assembly = typeof(PlaygroundPage).Assembly;

    public bool HasRenderer => assembly.GetManifestResourceInfo(Resource(RendererFile)) is not null;

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/playground", () => File("index.html"));
        routes.MapGet("/playground/assets/{**file}", (string file) => File(file));
    }

    private IResult File(string file)
    {
        var stream = file.Contains("..", StringComparison.Ordinal) ? null : assembly.GetManifestResourceStream(Resource(file));
        if (stream is null)
            return Results.Text(file == RendererFile ? RendererMissing : $"The playground has no file '{file}'.", statusCode: StatusCodes.Status404NotFound);
        return Results.Stream(stream, Types.GetValueOrDefault(Path.GetExtension(file), "application/octet-stream"));
    }

    private static string Resource(string file) => "playground/" + file;
}
