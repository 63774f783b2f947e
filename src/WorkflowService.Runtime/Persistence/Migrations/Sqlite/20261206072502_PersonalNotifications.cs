using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PersonalNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notification_preferences",
                columns: table => new
                {
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Event = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Email = table.Column<bool>(type: "INTEGER", nullable: false),
                    InApp = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_preferences", x => new { x.UserName, x.Event });
                });

            migrationBuilder.CreateTable(
                name: "personal_notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Occurrence = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DefinitionKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TaskName = table.Column<string>(type: "TEXT", nullable: true),
                    TaskNamesJson = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessName = table.Column<string>(type: "TEXT", nullable: true),
                    ProcessNamesJson = table.Column<string>(type: "TEXT", nullable: true),
                    BusinessKey = table.Column<string>(type: "TEXT", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Actor = table.Column<string>(type: "TEXT", nullable: true),
                    InApp = table.Column<bool>(type: "INTEGER", nullable: false),
                    Emailed = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personal_notifications", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_personal_notifications_UserName_CreatedAt",
                table: "personal_notifications",
                columns: new[] { "UserName", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_personal_notifications_UserName_ReadAt",
                table: "personal_notifications",
                columns: new[] { "UserName", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_personal_notifications_UserName_TaskId_Kind_Occurrence",
                table: "personal_notifications",
                columns: new[] { "UserName", "TaskId", "Kind", "Occurrence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notification_preferences");

            migrationBuilder.DropTable(
                name: "personal_notifications");
        }
    }
}
