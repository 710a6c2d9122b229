using Sandviken.Strategy.Domain.Tests.Infrastructure;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Tests.Properties;

/// <summary>What a property run saw: every input either saved (and read back) or refused with a Swedish message.</summary>
public sealed class Tally
{
    public int Inputs { get; set; }

    public int Saved { get; set; }

    public int Refused { get; set; }

    public TimeSpan SavedTime { get; set; }

    public TimeSpan RefusedTime { get; set; }

    /// <summary>The test process's processor time during the run: on a shared machine a steadier figure than the clock.</summary>
    public TimeSpan ProcessorTime { get; set; }

    public override string ToString() =>
        $"{Inputs} inputs: {Saved} saved and read back ({SavedTime.TotalSeconds:0.0} s), {Refused} refused ({RefusedTime.TotalSeconds:0.0} s); processor time {ProcessorTime.TotalSeconds:0.0} s";

    /// <summary>Asserts that the run had its inputs and that both outcomes happened often enough to mean something.</summary>
    public void AssertCovered(int minimumSaved = 50, int minimumRefused = 50)
    {
        // The minimums are per 10,000 inputs: the same share when a run has fewer (the PostgreSQL run, ADR 0037).
        minimumSaved = (int)Math.Ceiling(minimumSaved * Generated.Inputs / 10_000.0);
        minimumRefused = (int)Math.Ceiling(minimumRefused * Generated.Inputs / 10_000.0);
        Assert.True(Inputs >= Generated.Inputs, $"Only {Inputs} inputs were tried.");
        Assert.True(Saved >= minimumSaved, $"Only {Saved} of {Inputs} inputs were saved: the generator no longer reaches the save and read-back.");
        Assert.True(Refused >= minimumRefused, $"Only {Refused} of {Inputs} inputs were refused: the generator no longer reaches the validation.");
    }
}

/// <summary>
/// Runs a domain entry point on <see cref="Generated.Inputs"/> generated inputs (CsCheck, one thread: the test
/// database is one SQLite connection). An input may be saved, in which case <c>attempt</c> reads it back, or refused
/// with <see cref="ValidationFailedException"/> or <see cref="RuleViolationException"/> (a Swedish message for the user).
/// Any other exception fails the test, and CsCheck shrinks the input and prints it with the seed that repeats the run.
/// </summary>
public static class Property
{
    private static readonly JsonSerializerOptions Printing = new() { IncludeFields = true };

    public static async Task<Tally> ForEachAsync<T>(Gen<T> inputs, Func<T, Task> attempt, params Type[] alsoRefusals)
    {
        var tally = new Tally();
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        await inputs.SampleAsync(
            async input =>
            {
                tally.Inputs++;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await attempt(input);
                    tally.Saved++;
                    tally.SavedTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
                }
                catch (Exception e) when (e is ValidationFailedException or RuleViolationException || alsoRefusals.Contains(e.GetType()))
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message), "A refusal must tell the user why.");
                    tally.Refused++;
                    tally.RefusedTime += System.Diagnostics.Stopwatch.GetElapsedTime(started);
                }
            },
            iter: Generated.Inputs,
            threads: 1,
            print: Describe);
        tally.ProcessorTime = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpu;
        return tally;
    }

    /// <summary>The input as escaped JSON, cut to a readable length, for the failure message.</summary>
    public static string Describe<T>(T input)
    {
        string json;
        try
        {
            json = JsonSerializer.Serialize(input, Printing);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            json = Convert.ToString(input, CultureInfo.InvariantCulture) ?? "";
        }

        var text = new StringBuilder();
        foreach (var c in json.Length > 2_000 ? json[..2_000] + $"… ({json.Length} characters)" : json)
        {
            text.Append(char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.ToString();
    }
}
