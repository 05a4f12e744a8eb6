using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DipTrader.Data.Migrations.Postgres
{
    /// <summary>
    /// The tables of Quartz.NET's clustered ADO.NET job store (3.x layout, with its optional misfire,
    /// execution-group and preferred-node columns), so PostgreSQL deployments share one schedule.
    /// </summary>
    public partial class QuartzTables : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PostgresSql.Load("QuartzTables.sql"));
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TABLE IF EXISTS qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_scheduler_state, qrtz_locks, qrtz_simprop_triggers, qrtz_simple_triggers, qrtz_cron_triggers, qrtz_blob_triggers, qrtz_triggers, qrtz_job_details, qrtz_calendars;");
        }
    }
}
