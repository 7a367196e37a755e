namespace FeedbackBot.Playground;

public enum PlaygroundRole { Consumer, ProductManager }

/// <summary>Someone the page can act as: the same person on Teams (an AAD object id) and on Slack (a user id).</summary>
public sealed record PlaygroundPerson(string Id, string Name, PlaygroundRole Role, string Title, string TeamsAad, string SlackUser)
{
    public string TeamsId => $"29:{TeamsAad}";

    /// <summary>The person's 1:1 chat with the bot; the connector stand-in hands out this id when the bot opens it.</summary>
    public string TeamsChat => $"a:pg-chat-{TeamsAad}";

    /// <summary>The person's DM with the bot; the Web API stand-in answers conversations.open with it.</summary>
    public string SlackDm => $"D{SlackUser}";
}

/// <summary>
/// The cast: a consumer, a product manager and a second consumer, plus whoever is added. Roles:ProductManagers is
/// read once at start-up, so <see cref="Seats"/> PM identities are registered then and handed to PMs as they are added.
/// </summary>
public sealed class PlaygroundPeople(int seats)
{
    public const int MaxPeople = 12;

    private readonly Lock gate = new();
    private List<PlaygroundPerson> people = Cast();

    public int Seats { get; } = seats;

    public static string SeatAad(int seat) => $"aad-playground-pm-{seat}";

    public static string SeatSlackUser(int seat) => $"U0PM{seat}";

    public IReadOnlyList<PlaygroundPerson> All
    {
        get { lock (gate) return people.ToList(); }
    }

    public PlaygroundPerson? Find(string id) => All.FirstOrDefault(p => p.Id == id);

    public PlaygroundPerson? ByTeams(string? idOrAad) =>
        idOrAad is null ? null : All.FirstOrDefault(p => p.TeamsAad == idOrAad || p.TeamsId == idOrAad);

    public PlaygroundPerson? BySlack(string? user) => user is null ? null : All.FirstOrDefault(p => p.SlackUser == user);

    /// <summary>Adds someone; the answer is the new person, or why not (a name is missing, too many people, no PM seat left).</summary>
    public (PlaygroundPerson? Person, string? Refusal) Add(string name, PlaygroundRole role, string title)
    {
        name = name.Trim();
        if (name.Length is 0 or > 60) return (null, "Give the person a name (at most 60 characters).");
        lock (gate)
        {
            if (people.Count >= MaxPeople) return (null, $"The playground holds at most {MaxPeople} people; reset it to start over.");
            if (people.Any(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))) return (null, $"{name} is already here.");
            var n = people.Count + 1;
            PlaygroundPerson person;
            if (role == PlaygroundRole.ProductManager)
            {
                var seat = Enumerable.Range(1, Seats).FirstOrDefault(s => people.All(p => p.TeamsAad != SeatAad(s)));
                if (seat == 0) return (null, $"All {Seats} product manager seats are taken (Playground:ProductManagerSeats); add a consumer, or reset.");
                person = new PlaygroundPerson($"person-{n}", name, role, title.Length > 0 ? title : "Product manager", SeatAad(seat), SeatSlackUser(seat));
            }
            else
            {
                person = new PlaygroundPerson($"person-{n}", name, role, title.Length > 0 ? title : "Developer", $"aad-playground-guest-{n}", $"U0GUEST{n}");
            }
            people = [.. people, person];
            return (person, null);
        }
    }

    public void Reset()
    {
        lock (gate) people = Cast();
    }

    private static List<PlaygroundPerson> Cast() =>
    [
        new("maya", "Maya Chen", PlaygroundRole.Consumer, "Developer, Checkout team", "aad-maya-chen", "U0MAYA"),
        new("sam", "Sam Rivera", PlaygroundRole.ProductManager, "Product manager, Payments and Identity", SeatAad(1), SeatSlackUser(1)),
        new("jordan", "Jordan Okafor", PlaygroundRole.Consumer, "Developer, Mobile app", "aad-jordan-okafor", "U0JORDAN"),
    ];
}
