using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Sandviken.Strategy.Domain.Validation;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>
/// Text that a database cannot give back as it was written: an unpaired surrogate (half of an emoji, as a hand-written
/// client can send) is stored as U+FFFD, and SQLite cuts a text at a NUL character. The context refuses to save
/// either, whatever the entry point, with a Swedish message; found by the property-based tests (issue 9).
/// </summary>
public static class WellFormedText
{
    public const string Message = "Texten innehåller ett tecken som inte kan sparas (ett NUL-tecken eller en ofullständig emoji). Ta bort det och försök igen.";

    /// <summary>Whether the text can be stored and read back unchanged: no NUL, and every surrogate one half of a pair.</summary>
    public static bool IsStorable(string text) => !text.Contains('\0', StringComparison.Ordinal) && IsWellFormed(text);

    /// <summary>Whether every surrogate in the text is one half of a pair.</summary>
    public static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The text with each unpaired surrogate replaced by U+FFFD, for code that must not throw on it (slugs).</summary>
    public static string Repaired(string text)
    {
        if (IsWellFormed(text))
        {
            return text;
        }

        // EnumerateRunes yields U+FFFD for an unpaired surrogate.
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    /// <summary>Throws <see cref="ValidationFailedException"/> when a string about to be saved is not <see cref="IsStorable"/>.</summary>
    internal static void RefuseIllFormedText(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && !IsStorable(text))
                {
                    throw new ValidationFailedException(Message);
                }
            }
        }
    }
}
