using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sandviken.Strategy.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationAddedOn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "AddedOn",
                table: "Organisations",
                type: "TEXT",
                nullable: true);

            // Organisations added in the administration get the day of their audit entry (its UTC date); seeded ones,
            // which have none, stay null: there from the start, so every deadline applies to them.
            migrationBuilder.Sql(@"
UPDATE ""Organisations"" SET ""AddedOn"" = (
    SELECT date(MIN(a.""AtUtc"")) FROM ""AuditEntries"" AS a
    WHERE a.""Entity"" = 'Organisation' AND a.""Action"" = 'Organisation.Add' AND a.""EntityId"" = CAST(""Organisations"".""Id"" AS TEXT));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AddedOn",
                table: "Organisations");
        }
    }
}
