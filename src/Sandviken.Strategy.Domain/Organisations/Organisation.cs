using Sandviken.Strategy.Domain.Municipalities;

namespace Sandviken.Strategy.Domain.Organisations;

public enum OrganisationKind
{
    /// <summary>A nämnd (including kommunstyrelsen): writes a nämndplan.</summary>
    Committee = 1,

    /// <summary>A municipal company (kommunalt bolag): sets strategic goals.</summary>
    Company = 2,
}

/// <summary>A body that plans: a committee or a municipal company.</summary>
public class Organisation : Data.IHasConcurrencyToken
{
    public int Id { get; set; }

    public int MunicipalityId { get; set; }

    public Municipality Municipality { get; set; } = null!;

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public OrganisationKind Kind { get; set; }

    /// <summary>The parent company of a company group, for example Sandvikens Stadshus AB.</summary>
    public int? ParentId { get; set; }

    public Organisation? Parent { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>
    /// The Stockholm date the organisation was added in the administration. Null for organisations that were there from
    /// the start (seeded). Rows added before the column existed were backfilled with the UTC date of their audit entry.
    /// Deadlines that passed before this date do not apply to it.
    /// </summary>
    public DateOnly? AddedOn { get; set; }

    /// <summary>True for demonstration content that is not the municipality's own; pages then show "Exempeldata".</summary>
    public bool IsDemo { get; set; }

    /// <summary>Renewed by every change through a form; a form that sends back an older one is refused (ADR 0032).</summary>
    public Guid ConcurrencyToken { get; set; } = Guid.NewGuid();
}
