using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DipTrader.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RunIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "idx_trades_run",
                table: "trades",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "idx_metrics_run",
                table: "execution_metrics",
                column: "run_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "idx_trades_run",
                table: "trades");

            migrationBuilder.DropIndex(
                name: "idx_metrics_run",
                table: "execution_metrics");
        }
    }
}
