using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Sandviken.Strategy.Domain.Access;
using Sandviken.Strategy.Domain.Validation;
using Sandviken.Strategy.Web.Components.Forms;
using Sandviken.Strategy.Web.Components.Pages.Workspace;

namespace Sandviken.Strategy.Web.Tests.Components;

/// <summary>The shared form runner and the way domain error keys find their fields.</summary>
public sealed class FormRunnerTests
{
    private readonly FormRunner runner = new(new SignedIn(), NullLogger<FormRunner>.Instance);

    [Fact]
    public void A_domain_key_finds_its_field_on_the_form_object_or_in_a_list_inside_it()
    {
        var form = new GoalForm();
        form.Indicators.Add(new IndicatorForm());
        form.Indicators.Add(new IndicatorForm());

        Assert.Equal(new FieldIdentifier(form, "Title"), ServerValidator.FieldOf(form, "Title"));
        Assert.Equal(new FieldIdentifier(form.Indicators[1], "Name"), ServerValidator.FieldOf(form, "Indicators[1].Name"));
        Assert.Equal(new FieldIdentifier(form, ""), ServerValidator.FieldOf(form, ""));
    }

    [Fact]
    public void A_key_the_form_cannot_resolve_stays_on_the_form_object()
    {
        var form = new GoalForm();

        Assert.Equal(new FieldIdentifier(form, "Indicators[3].Name"), ServerValidator.FieldOf(form, "Indicators[3].Name"));
        Assert.Equal(new FieldIdentifier(form, "Owner.Name"), ServerValidator.FieldOf(form, "Owner.Name"));
    }

    [Fact]
    public async Task A_saved_change_gives_its_message_and_the_same_message_twice_still_differs_for_screen_readers()
    {
        Assert.True(await runner.RunAsync(_ => Task.CompletedTask, "Sparat."));
        Assert.Equal("Sparat.", runner.Notice);
        Assert.Null(runner.Problem);

        Assert.True(await runner.RunAsync(_ => Task.CompletedTask, "Sparat."));
        Assert.NotEqual("Sparat.", runner.Notice);
        Assert.Equal("Sparat.", runner.Notice!.TrimEnd('\u00A0'));
    }

    [Fact]
    public async Task Refusals_give_the_domains_Swedish_message_and_nothing_is_called_saved()
    {
        Assert.False(await runner.RunAsync(_ => throw new AccessDeniedException("Du kan bara ändra din egen nämnds plan."), "Sparat."));
        Assert.Equal(("Du kan bara ändra din egen nämnds plan.", (string?)null), (runner.Problem, runner.Notice));

        Assert.False(await runner.RunAsync(_ => throw new RuleViolationException("Planen är fastställd."), "Sparat."));
        Assert.Equal("Planen är fastställd.", runner.Problem);

        Assert.False(await runner.RunAsync(_ => throw new ValidationFailedException("Name", "Ange ett namn."), "Sparat.", refused: "Inget har sparats."));
        Assert.Equal("Inget har sparats. Ange ett namn.", runner.Problem);

        Assert.False(await runner.RunAsync(_ => throw new DbUpdateConcurrencyException("race"), "Sparat."));
        Assert.Equal(FormRunner.RaceMessage, runner.Problem);
    }

    [Fact]
    public async Task A_second_run_while_the_first_is_on_its_way_does_nothing()
    {
        var release = new TaskCompletionSource();
        var calls = 0;
        var first = runner.RunAsync(async _ => { calls++; await release.Task; }, "Sparat.");

        Assert.True(runner.Busy);
        Assert.False(await runner.RunAsync(_ => { calls++; return Task.CompletedTask; }, "Sparat."));
        release.SetResult();

        Assert.True(await first);
        Assert.Equal(1, calls);
        Assert.False(runner.Busy);
    }

    [Fact]
    public async Task A_refused_load_is_reported_as_denied_and_every_outcome_raises_Changed()
    {
        var changes = 0;
        runner.Changed += () => changes++;

        await runner.LoadAsync(_ => throw new AccessDeniedException("Du har inte behörighet."));
        Assert.True(runner.Denied);
        Assert.Equal("Du har inte behörighet.", runner.Problem);

        await runner.LoadAsync(_ => Task.CompletedTask);
        Assert.False(runner.Denied);
        await runner.RunAsync(_ => Task.CompletedTask, "Sparat.");
        runner.Refuse("Rätta talet.");
        Assert.Equal(4, changes);
    }

    private sealed class SignedIn : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "sara")], "Test"))));
    }
}
