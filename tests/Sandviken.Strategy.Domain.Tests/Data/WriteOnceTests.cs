using Microsoft.EntityFrameworkCore;
using Sandviken.Strategy.Domain.Data;
using Sandviken.Strategy.Domain.Tests.Infrastructure;

namespace Sandviken.Strategy.Domain.Tests.Data;

public sealed class WriteOnceTests
{
    [Fact]
    public async Task A_frozen_plan_version_cannot_be_changed()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();
        var version = await db.PlanVersions.FirstAsync();
        var original = version.Content;

        version.Content = "{}";

        await Assert.ThrowsAsync<WriteOnceViolationException>(() => db.SaveChangesAsync());
        await using var check = database.CreateDbContext();
        Assert.Equal(original, (await check.PlanVersions.SingleAsync(v => v.Id == version.Id)).Content);
    }

    [Fact]
    public async Task A_recorded_decision_cannot_be_deleted()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();
        var count = await db.Decisions.CountAsync();

        db.Decisions.Remove(await db.Decisions.FirstAsync());

        Assert.Throws<WriteOnceViolationException>(() => db.SaveChanges());
        await using var check = database.CreateDbContext();
        Assert.Equal(count, await check.Decisions.CountAsync());
    }

    [Fact]
    public async Task An_audit_entry_cannot_be_edited()
    {
        await using var database = await TestDatabase.CreateSeededAsync();
        await using var db = database.CreateDbContext();
        var entry = await db.AuditEntries.FirstAsync();

        entry.User = "someone else";

        await Assert.ThrowsAsync<WriteOnceViolationException>(() => db.SaveChangesAsync());
    }
}
