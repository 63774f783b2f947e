using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.PostgreSql
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
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Event = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Email = table.Column<bool>(type: "boolean", nullable: false),
                    InApp = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_notification_preferences", x => new { x.UserName, x.Event });
                });

            migrationBuilder.CreateTable(
                name: "personal_notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Occurrence = table.Column<int>(type: "integer", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    DefinitionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TaskName = table.Column<string>(type: "text", nullable: true),
                    TaskNamesJson = table.Column<string>(type: "text", nullable: true),
                    ProcessName = table.Column<string>(type: "text", nullable: true),
                    ProcessNamesJson = table.Column<string>(type: "text", nullable: true),
                    BusinessKey = table.Column<string>(type: "text", nullable: true),
                    DueAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Actor = table.Column<string>(type: "text", nullable: true),
                    InApp = table.Column<bool>(type: "boolean", nullable: false),
                    Emailed = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
