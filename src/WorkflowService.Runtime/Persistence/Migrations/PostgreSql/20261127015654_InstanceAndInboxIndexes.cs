using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InstanceAndInboxIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_timers_InstanceId_SubscriptionId",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "IX_tasks_Assignee_Status",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_InstanceId",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_task_candidates_Kind_Name_TaskId",
                table: "task_candidates");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DueAt",
                table: "task_candidates",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_timers_InstanceId_Status_SubscriptionId",
                table: "timers",
                columns: new[] { "InstanceId", "Status", "SubscriptionId" });

            // Candidate rows exist only for open tasks; give the existing ones their task's due date.
            migrationBuilder.Sql(
                """UPDATE task_candidates SET "DueAt" = (SELECT t."DueAt" FROM tasks t WHERE t."Id" = task_candidates."TaskId");""");

            migrationBuilder.CreateIndex(
                name: "IX_tasks_Assignee_Status_DueAt",
                table: "tasks",
                columns: new[] { "Assignee", "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_InstanceId_Status",
                table: "tasks",
                columns: new[] { "InstanceId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_task_candidates_Kind_Name_DueAt",
                table: "task_candidates",
                columns: new[] { "Kind", "Name", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_timers_InstanceId_Status_SubscriptionId",
                table: "timers");

            migrationBuilder.DropIndex(
                name: "IX_tasks_Assignee_Status_DueAt",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_tasks_InstanceId_Status",
                table: "tasks");

            migrationBuilder.DropIndex(
                name: "IX_task_candidates_Kind_Name_DueAt",
                table: "task_candidates");

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "task_candidates");

            migrationBuilder.CreateIndex(
                name: "IX_timers_InstanceId_SubscriptionId",
                table: "timers",
                columns: new[] { "InstanceId", "SubscriptionId" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_Assignee_Status",
                table: "tasks",
                columns: new[] { "Assignee", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_tasks_InstanceId",
                table: "tasks",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_task_candidates_Kind_Name_TaskId",
                table: "task_candidates",
                columns: new[] { "Kind", "Name", "TaskId" });
        }
    }
}
