using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Auditing;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Organisations;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Administration;

public sealed record OrganisationInput(string Name, OrganisationKind Kind, int? ParentId, bool IsActive);

/// <param name="ConcurrencyToken">Sent back with a change, so that a change from an older form is refused (ADR 0032).</param>
public sealed record OrganisationRow(int Id, string Slug, string Name, OrganisationKind Kind, int? ParentId, string? ParentName, bool IsActive, bool IsDemo, Guid ConcurrencyToken);

/// <summary>Organisations: add, rename, deactivate, kind and parent company. Nothing is deleted: plans refer to them.</summary>
public sealed class OrganisationAdminService(IDbContextFactory<StrategyDbContext> dbFactory, ActorLoader actors, TimeProvider time)
    : AdministrationService(dbFactory, actors, time)
{
    public async Task<IReadOnlyList<OrganisationRow>> ListAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var (db, _) = await BeginAsync(user, "ListOrganisations", "Organisation", null, ct);
        await using (db)
        {
            var rows = await db.Organisations.AsNoTracking()
                .Select(o => new OrganisationRow(o.Id, o.Slug, o.Name, o.Kind, o.ParentId, o.Parent == null ? null : o.Parent.Name, o.IsActive, o.IsDemo, o.ConcurrencyToken))
                .ToListAsync(ct);
            return [.. rows.OrderBy(o => o.Kind).ThenBy(o => o.Name, Swedish.Comparer)];
        }
    }

    public async Task<int> AddAsync(ClaimsPrincipal user, OrganisationInput input, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "AddOrganisation", "Organisation", null, ct);
        await using (db)
        {
            input = input with { Name = (input.Name ?? "").Trim() };
            var slug = Slugs.From(input.Name);
            await ValidateAsync(db, input, slug, null, ct);
            var organisation = new Organisation
            {
                MunicipalityId = await db.Municipalities.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(ct),
                Slug = slug,
                Name = input.Name,
                Kind = input.Kind,
                ParentId = input.ParentId,
                IsActive = input.IsActive,
                AddedOn = Planning.PlanningCalendar.Today(Time),
            };
            db.Organisations.Add(organisation);
            await SaveAuditedAsync(db, actor, AuditActions.OrganisationAdd, "Organisation", () => organisation.Id, null, input, ct);
            return organisation.Id;
        }
    }

    /// <summary>Renames (the address stays, so links keep working), changes kind or parent, or (de)activates.</summary>
    /// <param name="expectedToken">The organisation's token when the form was opened: a change saved since then refuses this one.</param>
    public async Task UpdateAsync(ClaimsPrincipal user, int organisationId, Guid expectedToken, OrganisationInput input, CancellationToken ct = default)
    {
        var (db, actor) = await BeginAsync(user, "UpdateOrganisation", "Organisation", organisationId, ct);
        await using (db)
        {
            var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, ct)
                ?? throw new RuleViolationException("Organisationen finns inte.");
            ConcurrencyTokens.Expect(db, organisation, expectedToken, Stale);
            input = input with { Name = (input.Name ?? "").Trim() };
            await ValidateAsync(db, input, organisation.Slug, organisationId, ct);
            var before = new OrganisationInput(organisation.Name, organisation.Kind, organisation.ParentId, organisation.IsActive);
            (organisation.Name, organisation.Kind, organisation.ParentId, organisation.IsActive) = (input.Name, input.Kind, input.ParentId, input.IsActive);
            Audit(db, actor, AuditActions.OrganisationUpdate, "Organisation", organisationId, before, input);
            await ConcurrencyTokens.SaveAsync(db, Stale, ct);
        }
    }

    private const string Stale = "organisationen";

    private static async Task ValidateAsync(StrategyDbContext db, OrganisationInput input, string slug, int? organisationId, CancellationToken ct)
    {
        var problems = new Problems();
        problems.Require(input.Name.Length > 0, nameof(OrganisationInput.Name), "Ange organisationens namn.");
        problems.Require(input.Name.Length == 0 || slug.Length > 0, nameof(OrganisationInput.Name), "Namnet behöver innehålla bokstäver eller siffror.");
        problems.Require(input.Name.Length <= 200, nameof(OrganisationInput.Name), "Namnet får vara högst 200 tecken.");
        problems.Require(Enum.IsDefined(input.Kind), nameof(OrganisationInput.Kind), "Välj nämnd eller bolag.");
        problems.Require(
            organisationId is not null || slug.Length == 0 || !await db.Organisations.AnyAsync(o => o.Slug == slug, ct),
            nameof(OrganisationInput.Name),
            "Det finns redan en organisation med det namnet.");
        problems.Require(
            !await db.Organisations.AnyAsync(o => o.Name == input.Name && o.Id != organisationId, ct),
            nameof(OrganisationInput.Name),
            "Det finns redan en organisation med det namnet.");
        if (input.ParentId is { } parentId)
        {
            var parent = await db.Organisations.Where(o => o.Id == parentId).Select(o => new { o.Kind, o.ParentId }).SingleOrDefaultAsync(ct);
            problems.Require(input.Kind == OrganisationKind.Company, nameof(OrganisationInput.ParentId), "Bara ett bolag kan ha ett moderbolag.");
            problems.Require(parent is not null && parent.Kind == OrganisationKind.Company, nameof(OrganisationInput.ParentId), "Moderbolaget måste vara ett bolag.");
            problems.Require(
                organisationId is null || !await IsInParentChainAsync(db, parentId, organisationId.Value, ct),
                nameof(OrganisationInput.ParentId),
                "Ett bolag kan inte vara moderbolag till sig självt eller till något av bolagen ovanför sig i koncernen.");
        }

        problems.ThrowIfAny();
    }

    /// <summary>Whether <paramref name="organisationId"/> is <paramref name="parentId"/> or one of its parents, however far up.</summary>
    private static async Task<bool> IsInParentChainAsync(StrategyDbContext db, int parentId, int organisationId, CancellationToken ct)
    {
        var parents = await db.Organisations.Where(o => o.ParentId != null).ToDictionaryAsync(o => o.Id, o => o.ParentId!.Value, ct);
        var seen = new HashSet<int>();
        for (int? current = parentId; current is { } id && seen.Add(id); current = parents.TryGetValue(id, out var next) ? next : null)
        {
            if (id == organisationId)
            {
                return true;
            }
        }

        return false;
    }
}
