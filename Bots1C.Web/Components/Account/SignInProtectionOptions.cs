using Microsoft.Extensions.Options;

namespace Bots1C.Web.Components.Account;

/// <summary>The sign-in limits, settings under <c>Bots1C:SignIn</c> (see docs/security.md, "Sign-in").</summary>
public sealed class SignInProtectionOptions
{
    public const string Section = "Bots1C:SignIn";

    /// <summary>Sign-in form posts one address may send per minute, right or wrong; more get 429.</summary>
    public int AttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins from one address with one e-mail before that address may not try that e-mail again.</summary>
    public int FailuresPerAccountAndAddress { get; set; } = 5;

    /// <summary>Failed sign-ins from one address, whatever the e-mails, before it may not sign in at all.</summary>
    public int FailuresPerAddress { get; set; } = 20;

    /// <summary>The window the failures are counted in, and how long a block lasts.</summary>
    public int LockoutMinutes { get; set; } = 15;

    public TimeSpan LockoutPeriod => TimeSpan.FromMinutes(LockoutMinutes);
}

public static class SignInProtection
{
    /// <summary>The sign-in limits' settings and the in-memory counters they keep.</summary>
    public static IServiceCollection AddSignInProtection(this IServiceCollection services)
    {
        services.AddOptions<SignInProtectionOptions>().BindConfiguration(SignInProtectionOptions.Section)
            .Validate(o => o.AttemptsPerMinute > 0 && o.FailuresPerAccountAndAddress > 0 && o.FailuresPerAddress > 0 && o.LockoutMinutes > 0,
                $"Every {SignInProtectionOptions.Section} setting must be a positive number.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<FailedSignInEvents>();
        services.AddScoped<SignInAudit>();
        return services;
    }
}
