using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Tests.Infrastructure;
using Sandviken.Strategy.Domain.Users;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Plans;

/// <summary>The one gate every plan write passes, on its own: who, which organisation, which status.</summary>
public sealed class PlanWriteGateTests
{
    private const int Own = 1;
    private const int Other = 2;

    private static readonly Actor Secretary = new("s", "sekreterare@test", true, new HashSet<string> { Roles.Secretary }, new HashSet<int> { Own });
    private static readonly Actor Administrator = new("a", "admin@test", true, new HashSet<string> { Roles.Administrator }, new HashSet<int>());
    private static readonly Actor Official = new("o", "tjansteperson@test", true, new HashSet<string> { Roles.Official }, new HashSet<int> { Own });
    private static readonly Actor Deactivated = Secretary with { IsActive = false };

    public static TheoryData<PlanWrite> Writes => [.. Enum.GetValues<PlanWrite>()];

    [Theory]
    [MemberData(nameof(Writes))]
    public void Only_a_secretary_of_the_plans_own_organisation_or_an_administrator_gets_through(PlanWrite write)
    {
        var status = write == PlanWrite.Reopen ? PlanStatus.Final : PlanStatus.Draft;
        var own = Target(Own, status: status);
        var other = Target(Other, status: status);

        Assert.Equal(write != PlanWrite.Reopen, PlanWriteGate.Allows(Secretary, write, own));
        Assert.False(PlanWriteGate.Allows(Secretary, write, other));
        Assert.True(PlanWriteGate.Allows(Administrator, write, other));
        Assert.False(PlanWriteGate.Allows(Official, write, own));
        Assert.False(PlanWriteGate.Allows(Deactivated, write, own));
        Assert.False(PlanWriteGate.Allows(Actor.Anonymous, write, own));
        Assert.Equal(PlanWriteOutcome.Refused, PlanWriteGate.Check(Secretary, write, other).Outcome);
    }

    [Theory]
    [InlineData(PlanWrite.CreatePlan, "Du kan bara skapa planer för din egen nämnd eller ditt eget bolag.")]
    [InlineData(PlanWrite.ChangeGoals, "Du kan bara ändra planer för din egen nämnd eller ditt eget bolag.")]
    [InlineData(PlanWrite.RecordDecision, "Du kan bara registrera beslut för din egen nämnd eller ditt eget bolag.")]
    [InlineData(PlanWrite.FollowUp, "Du kan bara följa upp mål för din egen nämnd eller ditt eget bolag.")]
    [InlineData(PlanWrite.Reopen, "Bara en administratör kan öppna en fastställd plan för revidering.")]
    public void A_refusal_says_in_Swedish_what_the_user_may_do(PlanWrite write, string message)
    {
        var verdict = PlanWriteGate.Check(Secretary, write, Target(Other, status: PlanStatus.Final));

        Assert.Equal(new PlanWriteVerdict(PlanWriteOutcome.Refused, message), verdict);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public void A_plan_that_does_not_exist_is_refused_and_only_an_administrator_hears_that_it_is_missing(PlanWrite write)
    {
        Assert.Equal(PlanWriteOutcome.Refused, PlanWriteGate.Check(Secretary, write, null).Outcome);
        var administrator = PlanWriteGate.Check(Administrator, write, null);
        if (write == PlanWrite.Reopen)
        {
            Assert.Equal(new PlanWriteVerdict(PlanWriteOutcome.Closed, "Planen finns inte."), administrator);
        }
        else
        {
            Assert.Equal(PlanWriteOutcome.Refused, administrator.Outcome);
        }
    }

    [Theory]
    [InlineData(PlanWrite.CreatePlan, "Hemnämnden är inte längre aktiv och kan inte få nya planer.")]
    [InlineData(PlanWrite.ChangeGoals, "Hemnämnden är inte längre aktiv. Dess planer kan läsas men inte ändras.")]
    [InlineData(PlanWrite.RecordDecision, "Hemnämnden är inte längre aktiv. Inga fler beslut kan registreras för dess planer.")]
    [InlineData(PlanWrite.FollowUp, "Hemnämnden är inte längre aktiv. Dess mål kan inte längre följas upp.")]
    [InlineData(PlanWrite.Reopen, "Hemnämnden är inte längre aktiv. Dess planer kan inte öppnas för revidering.")]
    public void An_inactive_organisation_closes_every_write_even_for_an_administrator(PlanWrite write, string message)
    {
        var target = Target(Own, active: false, status: write == PlanWrite.Reopen ? PlanStatus.Final : PlanStatus.Draft);

        Assert.Equal(new PlanWriteVerdict(PlanWriteOutcome.Closed, message), PlanWriteGate.Check(Administrator, write, target));
        Assert.Equal(write == PlanWrite.Reopen ? PlanWriteOutcome.Refused : PlanWriteOutcome.Closed, PlanWriteGate.Check(Secretary, write, target).Outcome);
    }

    [Theory]
    [InlineData(PlanStatus.Draft, true, true, false)]
    [InlineData(PlanStatus.DraftDecided, true, true, false)]
    [InlineData(PlanStatus.Final, false, true, true)]
    [InlineData(PlanStatus.Revision, true, true, false)]
    public void The_status_decides_goal_changes_and_reopening_but_not_follow_up_or_decisions(PlanStatus status, bool changeGoals, bool followUp, bool reopen)
    {
        var target = Target(Own, status: status);

        Assert.Equal(changeGoals, PlanWriteGate.Allows(Administrator, PlanWrite.ChangeGoals, target));
        Assert.Equal(followUp, PlanWriteGate.Allows(Administrator, PlanWrite.FollowUp, target));
        Assert.True(PlanWriteGate.Allows(Administrator, PlanWrite.RecordDecision, target));
        Assert.Equal(reopen, PlanWriteGate.Allows(Administrator, PlanWrite.Reopen, target));
        Assert.Equal(changeGoals, PlanWriteGate.StatusAllows(PlanWrite.ChangeGoals, status));
    }

    [Fact]
    public void Changing_a_fastställd_plan_and_reopening_an_open_one_are_closed_with_what_to_do_instead()
    {
        Assert.Equal(
            new PlanWriteVerdict(PlanWriteOutcome.Closed, "Planen är fastställd och kan inte ändras. En administratör kan öppna den för revidering."),
            PlanWriteGate.Check(Secretary, PlanWrite.ChangeGoals, Target(Own, active: false, status: PlanStatus.Final)));
        Assert.Equal(
            new PlanWriteVerdict(PlanWriteOutcome.Closed, "Bara en fastställd plan kan öppnas för revidering."),
            PlanWriteGate.Check(Administrator, PlanWrite.Reopen, Target(Own, status: PlanStatus.Revision)));
    }

    [Fact]
    public void Only_an_administrator_or_an_active_secretary_with_an_organisation_may_write_any_plan()
    {
        Assert.True(PlanWriteGate.MayWriteAnyPlan(Administrator));
        Assert.True(PlanWriteGate.MayWriteAnyPlan(Secretary));
        Assert.False(PlanWriteGate.MayWriteAnyPlan(Secretary with { OrganisationIds = new HashSet<int>() }));
        Assert.False(PlanWriteGate.MayWriteAnyPlan(Deactivated));
        Assert.False(PlanWriteGate.MayWriteAnyPlan(Official));
        Assert.False(PlanWriteGate.MayWriteAnyPlan(Actor.Anonymous));
    }

    [Fact]
    public void Enforce_logs_a_refusal_and_throws_the_exception_each_outcome_has_always_had()
    {
        var services = new Services(null!);
        var actors = services.Actors;

        var refused = Assert.Throws<AccessDeniedException>(() => actors.Enforce(Secretary, PlanWrite.FollowUp, Target(Other), "RecordFollowUp", "Goal", 7));
        var closed = Assert.Throws<RuleViolationException>(() => actors.Enforce(Secretary, PlanWrite.FollowUp, Target(Own, active: false), "RecordFollowUp", "Goal", 7));
        actors.Enforce(Secretary, PlanWrite.FollowUp, Target(Own, status: PlanStatus.Final), "RecordFollowUp", "Goal", 7);

        Assert.Equal("Du kan bara följa upp mål för din egen nämnd eller ditt eget bolag.", refused.Message);
        Assert.Equal("Hemnämnden är inte längre aktiv. Dess mål kan inte längre följas upp.", closed.Message);
        var logged = Assert.Single(services.Log.Entries);
        Assert.StartsWith("Refused RecordFollowUp on Goal 7 for sekreterare@test", logged.Message, StringComparison.Ordinal);
    }

    private static PlanWriteTarget Target(int organisationId, bool active = true, PlanStatus? status = PlanStatus.Draft) =>
        new(organisationId, "Hemnämnden", active, status);
}
