using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sandviken.Strategy.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class GoalUpdatedBy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "UpdatedAtUtc",
                table: "Goals",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdatedByUserId",
                table: "Goals",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            // Goals added or changed before the columns existed get the account and time of their last such audit entry
            // (Goal.Add or Goal.Update names the goal in its JSON). Copied and seeded goals, and entries whose account is
            // gone, stay null, as the conflict message had no name for them before either. In EXEC because the idempotent
            // script runs the whole migration as one batch, which SQL Server compiles before the columns above exist.
            migrationBuilder.Sql(@"EXEC(N'
UPDATE g SET UpdatedByUserId = last.UserId, UpdatedAtUtc = last.AtUtc
FROM Goals AS g
CROSS APPLY (
    SELECT TOP (1) u.Id AS UserId, a.AtUtc
    FROM AuditEntries AS a
    LEFT JOIN AspNetUsers AS u ON u.UserName = a.[User]
    WHERE a.Entity = N''Plan'' AND a.EntityId = CAST(g.PlanId AS nvarchar(100))
        AND a.Action IN (N''Goal.Add'', N''Goal.Update'')
        AND CASE WHEN ISJSON(a.After) = 1 THEN JSON_VALUE(a.After, ''$.GoalId'') END = CAST(g.Id AS nvarchar(20))
    ORDER BY a.Id DESC) AS last
WHERE last.UserId IS NOT NULL;')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UpdatedAtUtc",
                table: "Goals");

            migrationBuilder.DropColumn(
                name: "UpdatedByUserId",
                table: "Goals");
        }
    }
}
