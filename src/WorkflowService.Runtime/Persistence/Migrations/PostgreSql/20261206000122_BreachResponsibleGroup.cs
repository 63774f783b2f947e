using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.Runtime.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class BreachResponsibleGroup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResponsibleGroup",
                table: "breaches",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponsibleNote",
                table: "breaches",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResponsibleGroup",
                table: "breaches");

            migrationBuilder.DropColumn(
                name: "ResponsibleNote",
                table: "breaches");
        }
    }
}
