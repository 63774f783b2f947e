using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class NoticeTaskIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_personal_notifications_TaskId_Kind",
                table: "personal_notifications",
                columns: new[] { "TaskId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_personal_notifications_TaskId_Kind",
                table: "personal_notifications");
        }
    }
}
