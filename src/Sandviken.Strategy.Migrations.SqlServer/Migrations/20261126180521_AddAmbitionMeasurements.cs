using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sandviken.Strategy.Migrations.SqlServer.Migrations
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AreaAmbitionId = table.Column<int>(type: "int", nullable: false),
                    Period = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Value = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    FetchedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
