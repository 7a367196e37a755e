using System.Security.Cryptography;

namespace FeedbackBot.Hosting;

/// <summary>
/// This process's identity among the bot's instances: its claims on shared work carry it, its telemetry is tagged with
/// it. Per process, not per machine: two instances on one host (or a restarted one) are different instances.
/// </summary>
/// <remarks>
/// <c>INSTANCE_NAME</c> (the environment, e.g. <c>bot1</c> in the compose file) names a slot that outlives the process:
/// a process restarted under the same name takes up the work its predecessor held at once, without waiting for that
/// one's heartbeat to go silent. Without it, the name is the machine's, which several instances may share, so it is
/// never used for that.
/// </remarks>
public static class BotInstance
{
    public static readonly string Name = Environment.GetEnvironmentVariable("INSTANCE_NAME") is { Length: > 0 } name ? name : "";

    public static readonly string Id =
        $"{(Name.Length > 0 ? Name : Environment.MachineName)}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";

    /// <summary>Whether <paramref name="claimedBy"/> is an earlier life of this instance's named slot.</summary>
    public static bool IsPredecessor(string? claimedBy) =>
        Name.Length > 0 && claimedBy is not null && claimedBy != Id && claimedBy.StartsWith(Name + "-", StringComparison.Ordinal);
}
