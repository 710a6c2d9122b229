using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Sandviken.Strategy.Domain.Data;

/// <summary>Times are stored in UTC; values read back are marked as UTC so that conversions to Stockholm time are right.</summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
