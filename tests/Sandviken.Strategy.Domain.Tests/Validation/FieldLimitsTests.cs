using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Areas;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.FollowUps;
using Sandviken.Strategy.Domain.Plans;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Validation;

/// <summary>The limits live in one place: the database columns and the rules' messages agree with it.</summary>
public sealed class FieldLimitsTests
{
    public static TheoryData<Type, string, int> Columns => new()
    {
        { typeof(Goal), nameof(Goal.Title), FieldLimits.GoalTitleMaxLength },
        { typeof(Goal), nameof(Goal.Description), FieldLimits.GoalDescriptionMaxLength },
        { typeof(Indicator), nameof(Indicator.Name), FieldLimits.IndicatorNameMaxLength },
        { typeof(Indicator), nameof(Indicator.Unit), FieldLimits.IndicatorUnitMaxLength },
        { typeof(StrategicArea), nameof(StrategicArea.Title), FieldLimits.AreaTitleMaxLength },
        { typeof(StrategicArea), nameof(StrategicArea.Lead), FieldLimits.AreaLeadMaxLength },
        { typeof(StrategicArea), nameof(StrategicArea.Body), FieldLimits.AreaBodyMaxLength },
        { typeof(FollowUp), nameof(FollowUp.Comment), FieldLimits.FollowUpCommentMaxLength },
        { typeof(Decision), nameof(Decision.DecidedBy), FieldLimits.DecidedByMaxLength },
        { typeof(Decision), nameof(Decision.Reference), FieldLimits.DecisionReferenceMaxLength },
    };

    [Theory]
    [MemberData(nameof(Columns))]
    public void Each_text_column_is_as_long_as_its_limit(Type entity, string property, int limit)
    {
        using var db = Context();

        Assert.Equal(limit, db.Model.FindEntityType(entity)!.FindProperty(property)!.GetMaxLength());
    }

    [Fact]
    public void Every_stored_number_has_the_one_precision_and_scale()
    {
        using var db = Context();
        var numbers = db.Model.GetEntityTypes().SelectMany(e => e.GetProperties())
            .Where(p => Nullable.GetUnderlyingType(p.ClrType) == typeof(decimal) || p.ClrType == typeof(decimal))
            .ToList();

        Assert.NotEmpty(numbers);
        Assert.All(numbers, p => Assert.Equal(
            (FieldLimits.NumberPrecision, FieldLimits.NumberScale),
            (p.GetPrecision(), p.GetScale())));
        Assert.Equal(14, FieldLimits.NumberIntegerDigits);
    }

    [Fact]
    public void The_messages_read_as_they_always_have()
    {
        Assert.Equal("Rubriken får vara högst 300 tecken.", FieldLimits.TooLong("Rubriken", FieldLimits.GoalTitleMaxLength));
        Assert.Equal("Beskrivningen får vara högst 4 000 tecken.", FieldLimits.TooLong("Beskrivningen", FieldLimits.GoalDescriptionMaxLength));
        Assert.Equal("Kommentaren får vara högst 2 000 tecken.", FieldLimits.TooLong("Kommentaren", FieldLimits.FollowUpCommentMaxLength));
        Assert.Equal("Värdet får ha högst 14 siffror före decimaltecknet och högst 4 decimaler.", StoredNumbers.Message);
    }

    [Theory]
    [InlineData("99999999999999.9999", true)]
    [InlineData("-99999999999999.9999", true)]
    [InlineData("100000000000000", false)]
    [InlineData("1.23456", false)]
    [InlineData("1.2345", true)]
    public void A_number_fits_when_it_has_at_most_14_digits_before_the_decimal_sign_and_4_after(string value, bool fits) =>
        Assert.Equal(fits, StoredNumbers.Fits(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void The_goal_rules_allow_exactly_the_limit()
    {
        var areas = new HashSet<int> { 1 };
        GoalInput Input(int title, int description) => new(new string('a', title), new string('b', description), [1], []);

        GoalRules.Validate(Input(FieldLimits.GoalTitleMaxLength, FieldLimits.GoalDescriptionMaxLength), areas);
        var error = Assert.Throws<ValidationFailedException>(() =>
            GoalRules.Validate(Input(FieldLimits.GoalTitleMaxLength + 1, FieldLimits.GoalDescriptionMaxLength + 1), areas));

        Assert.Equal("Rubriken får vara högst 300 tecken.", error.Errors[nameof(GoalInput.Title)]);
        Assert.Equal("Beskrivningen får vara högst 4 000 tecken.", error.Errors[nameof(GoalInput.Description)]);
    }

    private static StrategyDbContext Context() => new(new DbContextOptionsBuilder<StrategyDbContext>()
        .UseSqlite("Data Source=:memory:", x => x.MigrationsAssembly(DatabaseRegistration.SqliteMigrationsAssembly))
        .Options);
}
