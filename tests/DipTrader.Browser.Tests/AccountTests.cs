using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace DipTrader.Browser.Tests;

/// <summary>Registration, the first user as admin, and the approval of the next user, as people click through them.</summary>
public sealed class AccountTests(BrowserApp app) : BrowserTest(app)
{
    private const string NewcomerEmail = "newcomer@example.com";
    private const string NewcomerPassword = "Newcomer-passphrase-38";

    [Fact]
    public async Task First_user_to_register_becomes_the_admin()
    {
        var admin = await App.AdminAsync();
        Assert.Equal("Your account is ready: log in.", admin.RegistrationMessage);

        var session = await OpenSessionAsync("the admin", admin.StorageState);
        var page = session.Page;
        await session.GoAsync("/dashboard");
        await Expect(page.Locator("nav")).ToContainTextAsync(BrowserApp.AdminEmail);
        var adminLink = page.Locator("nav").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Admin", Exact = true });
        await Expect(adminLink).ToBeVisibleAsync();

        await adminLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/admin$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Admin");
        await Expect(page.Locator("#pending h2")).ToContainTextAsync("Pending approvals");
        await Expect(page.Locator("#settings")).ToContainTextAsync("Registration");
        session.AssertNoBrowserProblems();
    }

    [Fact]
    public async Task Second_user_waits_for_approval_and_logs_in_once_the_admin_approves_them()
    {
        var admin = await App.AdminAsync();
        var newcomer = await OpenSessionAsync("the second user");
        var page = newcomer.Page;

        var registered = await BrowserApp.RegisterAsync(newcomer, NewcomerEmail, NewcomerPassword);
        Assert.Contains("An administrator reviews new accounts", registered, StringComparison.Ordinal);
        await BrowserApp.LogInAsync(newcomer, NewcomerEmail, NewcomerPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/login$"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Your account is waiting for an administrator's approval.");

        var adminSession = await OpenSessionAsync("the admin", admin.StorageState);
        var adminPage = adminSession.Page;
        await adminSession.GoAsync("/admin");
        var request = adminPage.Locator("#pending tbody tr", new PageLocatorOptions { HasText = NewcomerEmail });
        await Expect(request).ToHaveCountAsync(1);
        await request.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Approve" }).ClickAsync();
        await Expect(adminPage.Locator(".alert-success")).ToHaveTextAsync($"{NewcomerEmail} is approved and can log in.");
        await Expect(adminPage.Locator("#pending")).Not.ToContainTextAsync(NewcomerEmail);
        adminSession.AssertNoBrowserProblems();

        await BrowserApp.LogInAsync(newcomer, NewcomerEmail, NewcomerPassword);
        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Your bots");
        await Expect(page.Locator(".card.empty")).ToContainTextAsync("No bots yet.");
        await Expect(page.Locator("nav")).ToContainTextAsync(NewcomerEmail);
        await Expect(page.Locator("nav").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "Admin", Exact = true })).ToHaveCountAsync(0);
        await newcomer.ScreenshotAsync("dashboard-new-user");
        newcomer.AssertNoBrowserProblems();
    }
}
