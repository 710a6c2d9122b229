using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sandviken.Strategy.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddAmbitionMeasurements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AmbitionMeasurements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AreaAmbitionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FetchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AmbitionMeasurements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AmbitionMeasurements_AreaAmbitions_AreaAmbitionId",
                        column: x => x.AreaAmbitionId,
                        principalTable: "AreaAmbitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AmbitionMeasurements_AreaAmbitionId_Period_Source",
                table: "AmbitionMeasurements",
                columns: new[] { "AreaAmbitionId", "Period", "Source" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AmbitionMeasurements");
        }
    }
}
