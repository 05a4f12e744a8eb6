using System.Threading.RateLimiting;
using DipTrader.Bots;
using DipTrader.Bots.Scheduling;
using DipTrader.Data;
using DipTrader.Data.Security;
using DipTrader.Web.Api;
using DipTrader.Web.Auth;
using DipTrader.Web.Observability;
using DipTrader.Web.Pages;
using DipTrader.Web.Pages.Bots;
using DipTrader.Web.Services;
using DipTrader.Web.Services.Backtests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DipTrader.Web.Hosting;

/// <summary>The web app's composition: explicit feature registrations, no assembly scanning.</summary>
public static class WebComposition
{
    public const string SmartScheme = "Smart";
    public const string LoginLimit = "login";
    public const string RegisterLimit = "register";

    public static WebApplicationBuilder AddDipTraderWeb(this WebApplicationBuilder builder, string[] args)
    {
        var configuration = builder.Configuration;
        var settings = WebSettings.Read(configuration, builder.Environment.ContentRootPath, args);
        var secrets = AppSecrets.Resolve(configuration, builder.Environment.IsDevelopment(), settings.DataDirectory);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(secrets);
        services.AddSingleton(secrets.Box);
        services.AddSingleton(TimeProvider.System);
        services.AddPersistence(settings.Database);
        services.AddBotRuntime(configuration, new BotStorage.Database());
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        builder.AddDipTraderObservability();

        services.AddSingleton(new SecretKeyMaterial(secrets.SecretKey));
        services.AddDataProtection().SetApplicationName("DipTrader").PersistKeysToDbContext<DipTraderDbContext>();
        services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o => o.XmlEncryptor = new SecretKeyXmlEncryptor(sp.GetRequiredService<SecretKeyMaterial>())));

        AddAuthentication(services, builder.Environment);
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "diptrader.csrf";
            o.HeaderName = "X-CSRF-TOKEN";
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        AddRateLimits(services);
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Index");
            o.Conventions.AllowAnonymousToPage("/Login");
            o.Conventions.AllowAnonymousToPage("/Register");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AuthorizeFolder("/Admin", "admin");
        });
        // The bot page and the dashboard are kept per user and version (VersionedPageCachePolicy); nothing else is output-cached.
        services.AddOutputCache(o =>
        {
            o.AddPolicy(BotPageCachePolicy.Name, new BotPageCachePolicy());
            o.AddPolicy(DashboardCachePolicy.Name, new DashboardCachePolicy());
        });
        services.AddProblemDetails();
        // A body or query value that does not bind throws in every environment, and ApiBadRequests names the field.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiBadRequests>();
        services.AddHealthChecks().AddDbContextCheck<DipTraderDbContext>("database", customTestQuery: (db, token) => db.Users.AnyAsync(token).ContinueWith(_ => true, token, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default));

        services.AddSingleton(sp => new PasswordPolicy(CommonPasswords.Load()));
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<SessionValidator>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<SiteSettings>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<BotService>();
        services.AddSingleton<PairService>();
        services.AddSingleton<BotQueries>();
        services.AddSingleton<MetricsQuery>();
        services.AddSingleton<SchedulerHealthProbe>();
        // Services of the bot pages (register new ones here).
        services.AddSingleton<BotPageQueries>();
        // Services of the account and admin pages (register new ones here).
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<NotificationSettingsService>();
        services.AddSingleton<AdminQueries>();
        services.AddSingleton<AdminService>();
        services.AddBacktests();
        // The account page's new API token travels once in the TempData cookie: Secure like the session cookie.
        services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o => o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always);
        if (settings.SchedulerEnabled)
        {
            services.AddBotScheduler(configuration, settings.Database);
        }
        else
        {
            services.AddSingleton<IBotScheduler, RemoteBotScheduler>();
        }
        return builder;
    }

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<WebSettings>();
        if (app.Services.GetRequiredService<AppSecrets>().Generated)
        {
            app.Logger.LogWarning("Development secrets: SECRET_KEY and ENCRYPTION_KEY were generated under {Directory}. Set them in the environment for anything real.", settings.DataDirectory);
        }
        app.Logger.LogInformation("Database: {Database}", settings.Database.Describe());
        if (settings.MigrateOnStart)
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<DipTraderDbContext>>().CreateDbContextAsync();
            var applied = await DatabaseMigrator.MigrateAsync(db, CancellationToken.None);
            if (applied.Count > 0)
            {
                app.Logger.LogInformation("Applied migrations: {Migrations}", string.Join(", ", applied));
            }
        }
    }

    public static WebApplication UseDipTraderWeb(this WebApplication app)
    {
        app.UseTrustedForwardedHeaders();
        // The JSON API answers its errors (a body that does not bind, a route that does not match, a crash) as
        // ProblemDetails; pages show the HTML error page.
        app.UseWhen(IsApi, api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
        });
        app.UseWhen(context => !IsApi(context), pages =>
        {
            if (!app.Environment.IsDevelopment())
            {
                pages.UseExceptionHandler("/Error");
            }
            pages.UseStatusCodePagesWithReExecute("/Error", "?code={0}");
        });
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseUserLogScope();
        app.UseAntiforgery();
        app.UseOutputCache();
        app.MapHealthEndpoints();
        app.MapObservabilityEndpoints();
        app.MapDipTraderApi();
        app.MapRazorPages();
        return app;
    }

    internal static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A Bearer token signs in to the JSON API and /metrics only. Pages and their forms take the session cookie alone,
    /// so a token (an admin's sits in Prometheus' configuration) is an anonymous visitor on /admin or /account.
    /// </summary>
    private static string SchemeFor(HttpContext context) =>
        AcceptsApiTokens(context) && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? ApiTokenAuthenticationHandler.SchemeName
            : CookieAuthenticationDefaults.AuthenticationScheme;

    private static bool AcceptsApiTokens(HttpContext context) =>
        IsApi(context) || context.Request.Path.StartsWithSegments(WebObservability.MetricsPath, StringComparison.OrdinalIgnoreCase);

    private static void AddAuthentication(IServiceCollection services, IWebHostEnvironment environment)
    {
        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or API token", o => o.ForwardDefaultSelector = SchemeFor)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "diptrader.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.AccessDeniedPath = "/Error?code=403";
                o.EventsType = typeof(SessionValidator);
            })
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy("admin", p => p.RequireRole(UserClaims.AdminRole));
    }

    private static void AddRateLimits(IServiceCollection services)
    {
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.AddPolicy(RegisterLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromMinutes(10), QueueLimit = 0 }));
        });
    }
}
