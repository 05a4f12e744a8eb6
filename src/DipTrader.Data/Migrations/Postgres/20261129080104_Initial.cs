using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DipTrader.Data.Migrations.Postgres
{
    /// <summary>
    /// Creates DipTrader's schema, or adopts a predecessor (dcabot) database in place: every statement is
    /// idempotent (IF NOT EXISTS), existing rows are kept, and DipTrader's columns and tables are added.
    /// The SQL is hand-written (Sql/Initial.sql) because EF's generated CREATE TABLEs would fail on an
    /// existing database; the model snapshot still describes the resulting schema.
    /// </summary>
    public partial class Initial : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresSql.Load("Initial.sql"));
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            throw new System.NotSupportedException("DipTrader does not downgrade a database: restore a backup taken before the upgrade instead.");
        }
    }
}
