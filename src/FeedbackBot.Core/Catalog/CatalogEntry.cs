namespace FeedbackBot.Core.Catalog;

/// <summary>A catalog entry with the version stamp its store gave it; <see cref="ETag"/> is empty for an entry only seeded from configuration.</summary>
public sealed record CatalogEntry(ApiEntry Api, string ETag, bool Seeded);

public enum SaveOutcome { Saved, AlreadyExists, ChangedByOthers }
