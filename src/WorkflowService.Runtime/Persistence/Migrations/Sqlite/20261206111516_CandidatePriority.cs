using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CandidatePriority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_task_candidates_Kind_Name_DueAt",
                table: "task_candidates");

            migrationBuilder.AddColumn<int>(
                name: "Priority",
                table: "task_candidates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The open tasks' candidates take their task's priority (set once, when the task was created).
            migrationBuilder.Sql("""
                UPDATE task_candidates SET "Priority" = (SELECT t."Priority" FROM tasks t WHERE t."Id" = task_candidates."TaskId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_task_candidates_Kind_Name_DueAt_Priority",
                table: "task_candidates",
                columns: new[] { "Kind", "Name", "DueAt", "Priority" },
                descending: new[] { false, false, false, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_task_candidates_Kind_Name_DueAt_Priority",
                table: "task_candidates");

            migrationBuilder.DropColumn(
                name: "Priority",
                table: "task_candidates");

            migrationBuilder.CreateIndex(
                name: "IX_task_candidates_Kind_Name_DueAt",
                table: "task_candidates",
                columns: new[] { "Kind", "Name", "DueAt" });
        }
    }
}
