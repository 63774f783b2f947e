using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SlaClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Calendar",
                table: "timers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CountFrom",
                table: "timers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "Left",
                table: "timers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Span",
                table: "timers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WarnMark",
                table: "timers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_timers_Calendar_Status",
                table: "timers",
                columns: new[] { "Calendar", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_timers_Calendar_Status",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "Calendar",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "CountFrom",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "Left",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "Span",
                table: "timers");

            migrationBuilder.DropColumn(
                name: "WarnMark",
                table: "timers");
        }
    }
}
