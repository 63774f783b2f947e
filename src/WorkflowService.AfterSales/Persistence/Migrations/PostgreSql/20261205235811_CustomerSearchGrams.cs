using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.AfterSales.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CustomerSearchGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "customer_search_grams",
                columns: table => new
                {
                    Gram = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_customer_search_grams", x => new { x.Gram, x.CustomerId });
                    table.ForeignKey(
                        name: "FK_customer_search_grams_customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_customer_search_grams_CustomerId",
                table: "customer_search_grams",
                column: "CustomerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "customer_search_grams");
        }
    }
}
