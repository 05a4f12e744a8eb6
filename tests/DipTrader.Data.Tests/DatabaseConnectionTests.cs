
namespace DipTrader.Data.Tests;

public sealed class DatabaseConnectionTests
{
    [Fact]
    public void Unset_url_means_sqlite_under_data()
    {
        Assert.True(DatabaseConnection.TryParse(null, "/srv/app", out var connection, out _));

        Assert.Equal(DatabaseProvider.Sqlite, connection.Provider);
        Assert.Contains("/srv/app/data/diptrader.db", connection.ConnectionString);
    }

    [Fact]
    public void Predecessor_postgresql_url_becomes_an_npgsql_connection_string()
    {
        Assert.True(DatabaseConnection.TryParse("postgresql://diptrader_user:p%40ss@db.example.com:25060/diptrader?sslmode=require", "/", out var connection, out _));

        Assert.Equal(DatabaseProvider.Postgres, connection.Provider);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection.ConnectionString);
        Assert.Equal("db.example.com", builder.Host);
        Assert.Equal(25060, builder.Port);
        Assert.Equal("diptrader", builder.Database);
        Assert.Equal("diptrader_user", builder.Username);
        Assert.Equal("p@ss", builder.Password);
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.DoesNotContain("p@ss", connection.Describe());
    }

    [Fact]
    public void Postgresql_connections_skip_the_pool_reset_and_prepare_repeated_statements_unless_the_operator_says_otherwise()
    {
        Assert.True(DatabaseConnection.TryParse("postgres://u:p@localhost/diptrader", "/", out var url, out _));
        Assert.True(DatabaseConnection.TryParse("Host=db;Database=x;Username=u;Password=p;No Reset On Close=false;Max Auto Prepare=0", "/", out var explicitSettings, out _));

        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(url.ConnectionString);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(64, tuned.MaxAutoPrepare);
        var kept = new Npgsql.NpgsqlConnectionStringBuilder(explicitSettings.ConnectionString);
        Assert.False(kept.NoResetOnClose);
        Assert.Equal(0, kept.MaxAutoPrepare);
    }

    [Fact]
    public void Url_without_port_uses_5432()
    {
        Assert.True(DatabaseConnection.TryParse("postgres://u:p@localhost/diptrader", "/", out var connection, out _));
        Assert.Equal(5432, new Npgsql.NpgsqlConnectionStringBuilder(connection.ConnectionString).Port);
    }

    [Theory]
    [InlineData("Host=localhost;Database=x;Username=u;Password=secretpw", DatabaseProvider.Postgres)]
    [InlineData("Data Source=/tmp/x.db", DatabaseProvider.Sqlite)]
    [InlineData("data/other.db", DatabaseProvider.Sqlite)]
    public void Connection_strings_and_files_are_recognised(string value, DatabaseProvider provider)
    {
        Assert.True(DatabaseConnection.TryParse(value, "/srv", out var connection, out _));
        Assert.Equal(provider, connection.Provider);
    }

    [Theory]
    [InlineData("mysql://u:secretpw@host/db")]
    [InlineData("postgresql://u:secretpw@host:99999/db")]
    [InlineData("postgresql://u:secretpw@host/")]
    public void Bad_url_is_refused_without_repeating_the_password(string value)
    {
        Assert.False(DatabaseConnection.TryParse(value, "/", out _, out var error));

        Assert.Contains("DATABASE_URL", error);
        Assert.DoesNotContain("secretpw", error);
    }
}
