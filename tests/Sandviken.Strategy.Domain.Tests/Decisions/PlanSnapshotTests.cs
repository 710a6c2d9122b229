using Sandviken.Strategy.Domain.Decisions;
using Sandviken.Strategy.Domain.Plans;

namespace Sandviken.Strategy.Domain.Tests.Decisions;

public sealed class PlanSnapshotTests
{
    private static readonly PlanSnapshot Snapshot = new("kunskapsnamnden", "Kunskapsnämnden", 2026,
    [
        new GoalSnapshot(7, "Fler elever når behörighet", "Beskrivning med å, ä och ö",
            [new AreaReference("utbildning-som-gor-skillnad", "Utbildning som gör skillnad")],
            [new IndicatorSnapshot("Andel behöriga", "procent", IndicatorDirection.Increase, 78.5m, 2022, 85m, 2026, null)]),
    ]);

    [Fact]
    public void Json_round_trips_the_snapshot_and_keeps_Swedish_letters_readable()
    {
        var json = Snapshot.ToJson();

        var back = PlanSnapshot.FromJson(json);

        Assert.Equal(Snapshot.ToJson(), back.ToJson());
        Assert.Contains("Kunskapsnämnden", json, StringComparison.Ordinal);
        Assert.Contains("\"direction\":\"Increase\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Sha256_is_the_known_digest_of_the_utf8_bytes()
    {
        // echo -n "abc" | sha256sum
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", PlanSnapshot.Sha256Of("abc"));
        Assert.NotEqual(PlanSnapshot.Sha256Of(Snapshot.ToJson()), PlanSnapshot.Sha256Of(Snapshot.ToJson().Replace("78.5", "78.6", StringComparison.Ordinal)));
    }
}
