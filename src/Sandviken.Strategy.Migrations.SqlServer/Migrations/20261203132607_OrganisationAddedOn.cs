using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sandviken.Strategy.Migrations.SqlServer.Migrations
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
                type: "date",
                nullable: true);

            // Organisations added in the administration get the day of their audit entry (its UTC date); seeded ones,
            // which have none, stay null: there from the start, so every deadline applies to them. In EXEC because the
            // idempotent script runs the whole migration as one batch, which SQL Server compiles before the column exists.
            migrationBuilder.Sql(@"EXEC(N'
UPDATE o SET AddedOn = (
    SELECT CAST(MIN(a.AtUtc) AS date) FROM AuditEntries AS a
    WHERE a.Entity = N''Organisation'' AND a.Action = N''Organisation.Add'' AND a.EntityId = CAST(o.Id AS nvarchar(100)))
FROM Organisations AS o;')");
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
