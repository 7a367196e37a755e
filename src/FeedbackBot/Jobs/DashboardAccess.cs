using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire.Dashboard;

namespace FeedbackBot.Jobs;

/// <summary>
/// The dashboard answers loopback requests; remote ones only with <c>Hangfire:DashboardPassword</c>. A loopback request
/// that still carries forwarding headers came through a proxy or tunnel on this host that is not a configured
/// <c>ForwardedHeaders</c> proxy: its real client is somewhere else, so it is remote.
/// </summary>
public sealed class DashboardAccess(string password) : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (http.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote) && !Forwarded(http.Request.Headers)) return true;
        if (password.Length > 0 && BasicPassword(http.Request.Headers.Authorization.ToString()) is { } given
            && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(password))))
            return true;
        if (password.Length > 0) http.Response.Headers.WWWAuthenticate = "Basic realm=\"FeedbackBot jobs\"";
        return false;
    }

    private static bool Forwarded(IHeaderDictionary headers) =>
        headers.ContainsKey("X-Forwarded-For") || headers.ContainsKey("Forwarded") || headers.ContainsKey("X-Real-IP") || headers.ContainsKey("X-Forwarded-Host");

    private static string? BasicPassword(string header)
    {
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? null : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
