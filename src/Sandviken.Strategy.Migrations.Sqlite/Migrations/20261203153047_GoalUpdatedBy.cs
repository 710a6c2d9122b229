using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sandviken.Strategy.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdatedByUserId",
                table: "Goals",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            // Goals added or changed before the columns existed get the account and time of their last such audit entry
            // (Goal.Add or Goal.Update names the goal in its JSON). Copied and seeded goals, and entries whose account is
            // gone, stay null, as the conflict message had no name for them before either.
            migrationBuilder.Sql(@"
UPDATE ""Goals"" SET (""UpdatedByUserId"", ""UpdatedAtUtc"") = (
    SELECT u.""Id"", a.""AtUtc""
    FROM ""AuditEntries"" AS a
    JOIN ""AspNetUsers"" AS u ON u.""UserName"" = a.""User""
    WHERE a.""Id"" = (
        SELECT MAX(e.""Id"") FROM ""AuditEntries"" AS e
        WHERE e.""Entity"" = 'Plan' AND e.""EntityId"" = CAST(""Goals"".""PlanId"" AS TEXT)
            AND e.""Action"" IN ('Goal.Add', 'Goal.Update')
            AND CASE WHEN json_valid(e.""After"") THEN json_extract(e.""After"", '$.GoalId') END = ""Goals"".""Id""));");
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
