using Bots1C.Domain;
using Bots1C.Domain.Accounts;
using Bots1C.Domain.Data;
using Bots1C.Web.Components.Account;
using Bots1C.Web.Endpoints.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Bots1C.Web.Composition;

public static class WebServices
{
    public static WebApplicationBuilder AddBots1CWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.UseDefaultListenAddressUnlessConfigured();
        services.AddBots1CDomain(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);

        services.AddLocalization();
        // Russian pages as text, not as numeric entities six times the size: the encoder lets these letters through
        // (it still encodes the characters that matter to HTML).
        services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(
            System.Text.Unicode.UnicodeRanges.BasicLatin, System.Text.Unicode.UnicodeRanges.Latin1Supplement,
            System.Text.Unicode.UnicodeRanges.Cyrillic, System.Text.Unicode.UnicodeRanges.GeneralPunctuation,
            System.Text.Unicode.UnicodeRanges.CurrencySymbols, System.Text.Unicode.UnicodeRanges.LetterlikeSymbols));
        services.Configure<RequestLocalizationOptions>(Cultures.Configure);

        services.AddRazorComponents().AddInteractiveServerComponents();
        // Notices sit bottom-left, away from every page's toolbar (top right they covered Save, Check and Test), and
        // go after a few seconds; at most three at once, the same one never twice.
        services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            o.SnackbarConfiguration.VisibleStateDuration = 3500;
            o.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            o.SnackbarConfiguration.PreventDuplicates = true;
            o.SnackbarConfiguration.ShowCloseIcon = true;
        });
        services.AddTransient<MudBlazor.MudLocalizer, Bots1C.Web.Resources.ResxMudLocalizer>(); // MudBlazor's words in Russian
        services.AddBots1CSecurityHeaders();

        var dataFolder = DataFolder.Resolve(builder.Configuration[DataFolder.ConfigKey], builder.Environment.ContentRootPath);
        KeyRing.Configure(services, builder.Configuration, dataFolder);
        // Off Windows there is nothing to encrypt the key files with but a certificate the admin would have to manage;
        // they are protected by being readable by the app's account only (PrivateFiles, docs/security.md). Saying
        // "may be persisted unencrypted" at every first start would teach newcomers to ignore warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);

        services.AddHealthChecks().AddDbContextCheck<Bots1CDbContext>()
            .AddCheck<Bots1C.Web.Endpoints.InboxHealthCheck>("inbox");
        services.AddOpenApi();
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Unreadable bodies raise BadHttpRequestException in every environment, so ApiExceptionHandler can say what was wrong.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddRateLimiter(options =>
        {
            Bots1C.Web.Endpoints.WebChatRateLimit.Configure(options);
            Bots1C.Web.Endpoints.LicenseServerEndpoints.ConfigureRateLimit(options);
            SignInRateLimit.Configure(options);
        });
        services.AddSingleton<Bots1C.Web.Features.Scenarios.ScenarioEditing>();
        services.AddScoped<Bots1C.Web.Components.Shared.UserClock>(); // one per circuit: the person's language and time zone
        var signalR = services.AddSignalR();
        Bots1C.Web.Scaling.RedisScaling.AddRedisScaling(services, signalR, builder.Configuration); // only with Bots1C:Redis:Connection
        services.AddSingleton<Bots1C.Web.Hubs.OnlineConnections>();
        services.AddHostedService<Bots1C.Web.Hubs.OperatorHubBroadcaster>();
        // Enums travel by name in the API ("Telegram", not 0), both ways.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddAccounts();
        return builder;
    }

    private static void AddAccounts(this IServiceCollection services)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                // Lockout carries administrators' locks only: wrong passwords block the address that typed them
                // (SignInThrottle), never the account, so a stranger cannot lock out an administrator.
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<Bots1CDbContext>()
            .AddDefaultTokenProviders()
            .AddErrorDescriber<LocalizedAccountErrorDescriber>()
            .AddClaimsPrincipalFactory<DisplayNameClaimsFactory>();
        services.AddScoped<AccountErrorDescriber>(sp => (LocalizedAccountErrorDescriber)sp.GetRequiredService<IdentityErrorDescriber>());

        // A locked or changed user loses access within a minute, in the cookie and in an open circuit.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddCascadingAuthenticationState();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = ".Bots1C.Auth";
            o.LoginPath = AccountPaths.Login;
            o.LogoutPath = AccountPaths.Logout;
            o.AccessDeniedPath = AccountPaths.AccessDenied;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromDays(14);
            // A signed-in person without the role gets a real 403 (shown by the status page), not a redirect.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            // A hub client is a program, not a person at a browser: it gets 401, not the sign-in page.
            o.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments(Bots1C.Web.Hubs.OperatorHub.Path))
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                else
                    context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            };
        });
        services.AddAuthentication()
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser().Build())
            .AddPolicy(ApiKeyAuthentication.Policy, p => p
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser());
        services.AddSignInProtection();
    }
}
