using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.AfterSales.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerSearchGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // By hand rather than CreateTable: EF Core cannot say WITHOUT ROWID. Without a rowid the primary key is the
            // table: a gram's customers are one contiguous range of it, with no rowid table kept beside an index of the
            // same two columns. A later migration that rebuilds this table must keep WITHOUT ROWID.
            migrationBuilder.Sql("""
                CREATE TABLE "customer_search_grams" (
                    "Gram" TEXT NOT NULL,
                    "CustomerId" TEXT NOT NULL,
                    CONSTRAINT "PK_customer_search_grams" PRIMARY KEY ("Gram", "CustomerId"),
                    CONSTRAINT "FK_customer_search_grams_customers_CustomerId" FOREIGN KEY ("CustomerId") REFERENCES "customers" ("Id") ON DELETE CASCADE
                ) WITHOUT ROWID;
                """);

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
