namespace FeedbackBot.Hosting;

/// <summary>
/// <c>FeedbackBot --health-probe &lt;url&gt;</c>: asks a running instance's health endpoint and exits 0 when it answers
/// 2xx within 3 s, 1 otherwise. The container's HEALTHCHECK uses it, so the runtime image needs no curl.
/// </summary>
public static class HealthProbe
{
    public const string Argument = "--health-probe";

    public static bool Requested(string[] args) => args.Length == 2 && args[0] == Argument;

    public static async Task<int> RunAsync(string[] args)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        try
        {
            using var response = await http.GetAsync(args[1]);
            Console.WriteLine($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException)
        {
            Console.WriteLine($"{args[1]} did not answer: {e.Message}");
            return 1;
        }
    }
}
