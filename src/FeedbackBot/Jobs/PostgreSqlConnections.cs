using Hangfire.PostgreSql;

namespace FeedbackBot.Jobs;

/// <summary>New Npgsql connections for Hangfire's PostgreSQL storage (pooled by Npgsql).</summary>
public sealed class PostgreSqlConnections(string connectionString) : IConnectionFactory
{
    public Npgsql.NpgsqlConnection GetOrCreateConnection() => new(connectionString);
}
