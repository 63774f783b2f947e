using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkflowService.AfterSales.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class RepairSlips : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "repair_slips",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrderNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AttachedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AttachedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repair_slips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_repair_slips_work_orders_OrderNumber",
                        column: x => x.OrderNumber,
                        principalTable: "work_orders",
                        principalColumn: "Number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "slip_contents",
                columns: table => new
                {
                    SlipId = table.Column<Guid>(type: "uuid", nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_slip_contents", x => x.SlipId);
                    table.ForeignKey(
                        name: "FK_slip_contents_repair_slips_SlipId",
                        column: x => x.SlipId,
                        principalTable: "repair_slips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_repair_slips_OrderNumber_AttachedAt",
                table: "repair_slips",
                columns: new[] { "OrderNumber", "AttachedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "slip_contents");

            migrationBuilder.DropTable(
                name: "repair_slips");
        }
    }
}
