using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Sandviken.Strategy.Browser.Tests.Infrastructure;

/// <summary>axe-core (shipped inside the NuGet package, so it runs offline) against WCAG 2.1 A and AA.</summary>
public static class Accessibility
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);

        Assert.True(result.Violations.Length == 0, $"axe-core found violations on {page.Url}:\n" + string.Join("\n", result.Violations.Select(v =>
            $"- {v.Id} ({v.Impact}): {v.Help}\n  " + string.Join("\n  ", v.Nodes.Select(n => $"{n.Target}: {n.Html}")))));
        Assert.NotEmpty(result.Passes);
    }
}
