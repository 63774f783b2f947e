using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_tasks_DefinitionKey_ElementId_EndedAt",
                table: "tasks",
                columns: new[] { "DefinitionKey", "ElementId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_instances_DefinitionKey_StartedAt",
                table: "instances",
                columns: new[] { "DefinitionKey", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_history_Event_ElementId_At_InstanceId",
                table: "history",
                columns: new[] { "Event", "ElementId", "At", "InstanceId" });

            migrationBuilder.CreateIndex(
                name: "IX_breaches_InstanceId_Rule",
                table: "breaches",
                columns: new[] { "InstanceId", "Rule" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_tasks_DefinitionKey_ElementId_EndedAt",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_instances_DefinitionKey_StartedAt",
                table: "instances");

            migrationBuilder.DropIndex(
                name: "IX_history_Event_ElementId_At_InstanceId",
                table: "history");

            migrationBuilder.DropIndex(
                name: "IX_breaches_InstanceId_Rule",
                table: "breaches");
        }
    }
}
