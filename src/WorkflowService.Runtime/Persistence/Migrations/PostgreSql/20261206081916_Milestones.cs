using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Milestones : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_breaches_DetectedAt",
                table: "breaches");

            migrationBuilder.DropIndex(
                name: "IX_breaches_Rule",
                table: "breaches");

            migrationBuilder.CreateTable(
                name: "milestones",
                columns: table => new
                {
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    DefinitionKey = table.Column<string>(type: "text", nullable: false),
                    ElementId = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Rule = table.Column<string>(type: "text", nullable: true),
                    Breached = table.Column<bool>(type: "boolean", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true),
                    Number = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_milestones", x => new { x.InstanceId, x.Name });
                });

            migrationBuilder.CreateIndex(
                name: "IX_breaches_DetectedAt_Rule",
                table: "breaches",
                columns: new[] { "DetectedAt", "Rule" });

            migrationBuilder.CreateIndex(
                name: "IX_breaches_Rule_DetectedAt_InstanceId",
                table: "breaches",
                columns: new[] { "Rule", "DetectedAt", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_milestones_Name_At_Breached_Number",
                table: "milestones",
                columns: new[] { "Name", "At", "Breached", "Number" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "milestones");

            migrationBuilder.DropIndex(
                name: "IX_breaches_DetectedAt_Rule",
                table: "breaches");

            migrationBuilder.DropIndex(
                name: "IX_breaches_Rule_DetectedAt_InstanceId",
                table: "breaches");

            migrationBuilder.CreateIndex(
                name: "IX_breaches_DetectedAt",
                table: "breaches",
                column: "DetectedAt");

            migrationBuilder.CreateIndex(
                name: "IX_breaches_Rule",
                table: "breaches",
                column: "Rule");
        }
    }
}
