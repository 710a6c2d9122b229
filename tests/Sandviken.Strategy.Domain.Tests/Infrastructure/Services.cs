using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.AspNetCore.Identity;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Administration;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Workspace;

namespace Sandviken.Strategy.Domain.Tests.Infrastructure;

using FollowUps = Sandviken.Strategy.Domain.FollowUps;

/// <summary>The domain services on a test database, with a logger that keeps what it was told.</summary>
public sealed class Services(TestDatabase database)
{
    public RecordingLogger<ActorLoader> Log { get; } = new();

    public ActorLoader Actors => new(Log);

    public PlanEditingService Editing => new(database, Actors, database.Clock);

    public DecisionService Decisions => new(database, Actors, database.Clock);

    public WorkspaceReader Workspace => new(database, Actors);

    public OrganisationAdminService Organisations => new(database, Actors, database.Clock);

    public UserAdminService Users => new(database, Actors, database.Clock, new PasswordHasher<PortalUser>(), new UpperInvariantLookupNormalizer());

    public RecordingLogger<PasswordService> PasswordLog { get; } = new();

    public PasswordService Passwords => new(database, Actors, database.Clock, new PasswordHasher<PortalUser>(), Microsoft.Extensions.Options.Options.Create(new IdentityOptions()), PasswordLog);

    public PlanningAdminService Planning => new(database, Actors, database.Clock);

    public FollowUps.FollowUpService FollowUps => new(database, Actors, database.Clock);
}

public sealed class RecordingLogger<T> : ILogger<T>
{
    public List<(LogLevel Level, string Message)> Entries { get; } = [];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => NullLogger.Instance.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
