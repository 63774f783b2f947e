using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.AfterSales.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SearchGramNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customer_search_grams_CustomerId",
                table: "customer_search_grams");

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "customer_search_grams",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            // The grams written so far take their customer's name (the search's order) before the index on it is built.
            migrationBuilder.Sql("""
                UPDATE "customer_search_grams" SET "Name" =
                    (SELECT c."Name" FROM "customers" AS c WHERE c."Id" = "customer_search_grams"."CustomerId");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_customer_search_grams_CustomerId_Name",
                table: "customer_search_grams",
                columns: new[] { "CustomerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_customer_search_grams_Gram_Name_CustomerId",
                table: "customer_search_grams",
                columns: new[] { "Gram", "Name", "CustomerId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_customer_search_grams_CustomerId_Name",
                table: "customer_search_grams");

            migrationBuilder.DropIndex(
                name: "IX_customer_search_grams_Gram_Name_CustomerId",
                table: "customer_search_grams");

            // By hand: EF Core would rebuild the table to drop a column, and lose WITHOUT ROWID (see CustomerSearchGrams).
            migrationBuilder.Sql("""ALTER TABLE "customer_search_grams" DROP COLUMN "Name";""");

            migrationBuilder.CreateIndex(
                name: "IX_customer_search_grams_CustomerId",
                table: "customer_search_grams",
                column: "CustomerId");
        }
    }
}
