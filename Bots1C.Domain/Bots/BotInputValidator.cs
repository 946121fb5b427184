using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Bots1C.Domain.Bots;

/// <summary>The rules for a bot, shared by the bot card and the REST API. Error codes are stable
/// (the UI words them in the reader's language; the API returns them with the English text).</summary>
public class BotInputValidator : AbstractValidator<BotInput>
{
    /// <summary>The token's shape and the webhook's ports are the messenger's (<see cref="MessengerTraits"/>), read
    /// from its adapter; a messenger the app has no adapter for gets neither check (IsInEnum names an unknown one).</summary>
    public BotInputValidator(IDbContextFactory<Bots1CDbContext> dbFactory, MessengerApiServers apiServers, ChannelAdapters adapters)
    {
        MessengerTraits? TraitsOf(BotInput b) => adapters.TraitsOf(b.Messenger);

        RuleFor(b => b.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithErrorCode("NameRequired")
            .WithMessage("Enter the bot's name.");
        RuleFor(b => b.Name).MaximumLength(100).WithErrorCode("NameTooLong").WithMessage("The name is longer than 100 characters.");
        RuleFor(b => b.Name).MustAsync(async (input, name, ct) =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var trimmed = name.Trim();
                return !await db.Bots.AnyAsync(b => b.Name == trimmed && b.Id != (input.ExistingId ?? 0), ct);
            })
            .When(b => !string.IsNullOrWhiteSpace(b.Name))
            .WithErrorCode("NameTaken").WithMessage("Another bot already has this name.");

        RuleFor(b => b.Messenger).IsInEnum().WithErrorCode("MessengerUnknown").WithMessage("Choose one of the messengers: Telegram, Viber, Web chat, MAX, JivoChat, VK or WhatsApp.");

        RuleFor(b => b.Token).Must(t => !string.IsNullOrWhiteSpace(t))
            .When(b => b.ExistingId is null && TraitsOf(b)?.Token is not null)
            .WithErrorCode("TokenRequired").WithMessage("Paste the token the messenger gave you.");
        RuleFor(b => b.Token).Must((b, t) => TraitsOf(b)!.Token!.Matches(t!))
            .When(b => TraitsOf(b)?.Token is not null && !string.IsNullOrWhiteSpace(b.Token))
            .WithErrorCode("TokenFormat").WithMessage(b => TraitsOf(b)!.Token!.Hint);

        RuleFor(b => b.ExtraId).Must(id => !string.IsNullOrWhiteSpace(id))
            .When(b => TraitsOf(b)?.ExtraId is not null)
            .WithErrorCode("ExtraIdRequired").WithMessage(b => $"Enter the id {b.Messenger} gave you besides the token. {TraitsOf(b)!.ExtraId!.Hint}");
        RuleFor(b => b.ExtraId).Must((b, id) => TraitsOf(b)!.ExtraId!.Matches(id!))
            .When(b => TraitsOf(b)?.ExtraId is not null && !string.IsNullOrWhiteSpace(b.ExtraId))
            .WithErrorCode("ExtraIdFormat").WithMessage(b => TraitsOf(b)!.ExtraId!.Hint);
        RuleFor(b => b.AppSecret).Must(s => !string.IsNullOrWhiteSpace(s))
            .When(b => b.ExistingId is null && TraitsOf(b)?.NeedsAppSecret == true)
            .WithErrorCode("AppSecretRequired").WithMessage("Paste the app secret the messenger shows in its developer settings.");
        RuleFor(b => b.ConfirmationCode).MaximumLength(100).WithErrorCode("ConfirmationCodeTooLong")
            .WithMessage("The confirmation string is longer than 100 characters.");

        RuleFor(b => b.PublicBaseUrl).Must(u => !string.IsNullOrWhiteSpace(u))
            .WithErrorCode("PublicUrlRequired").WithMessage("Enter the public address of this app, with the publication path.");
        RuleFor(b => b.PublicBaseUrl).Must(BeAbsoluteWebUrl)
            .When(b => !string.IsNullOrWhiteSpace(b.PublicBaseUrl))
            .WithErrorCode("PublicUrlInvalid").WithMessage("The public address must be a full address such as https://bot.example.ru/bots_unf, without '?' or '#'.");
        RuleFor(b => b.PublicBaseUrl).Must(BeHttpsOrLocal)
            .When(b => BeAbsoluteWebUrl(b.PublicBaseUrl))
            .WithErrorCode("PublicUrlNotHttps").WithMessage("Messengers only call HTTPS addresses; plain HTTP is allowed for localhost only.");
        RuleFor(b => b.PublicBaseUrl).Must((b, u) => TraitsOf(b)!.WebhookPorts!.Contains(new Uri(u.Trim()).Port))
            .When(b => TraitsOf(b)?.WebhookPorts is not null && BeAbsoluteWebUrl(b.PublicBaseUrl) && BeHttpsOrLocal(b.PublicBaseUrl))
            .WithErrorCode("PublicUrlPort").WithMessage(b => PortsHint(b.Messenger, TraitsOf(b)!.WebhookPorts!));

        RuleFor(b => b.ApiServerUrl).Must(u => BeAbsoluteWebUrl(u!))
            .When(b => !string.IsNullOrWhiteSpace(b.ApiServerUrl))
            .WithErrorCode("ApiServerUrlInvalid").WithMessage("The API server address must be a full http(s) address.");
        // The token goes to this server with every call: only the messenger's own, or one the administrator listed.
        RuleFor(b => b.ApiServerUrl).Custom((url, context) =>
            {
                if (apiServers.Refusal(context.InstanceToValidate.Messenger, new Uri(url!.Trim())) is { } refusal)
                    context.AddFailure(new FluentValidation.Results.ValidationFailure(nameof(BotInput.ApiServerUrl), refusal, url)
                        { ErrorCode = "ApiServerNotAllowed" });
            })
            .When(b => !string.IsNullOrWhiteSpace(b.ApiServerUrl) && BeAbsoluteWebUrl(b.ApiServerUrl));

        RuleFor(b => b.State).IsInEnum().WithErrorCode("StateUnknown").WithMessage("Choose active, disabled or marked for deletion.");

        RuleForEach(b => AllowedOriginList(b.AllowedOrigins)).Must(BeOrigin)
            .OverridePropertyName(nameof(BotInput.AllowedOrigins))
            .WithErrorCode("OriginInvalid").WithMessage("'{PropertyValue}' is not a site origin such as https://shop.example.ru.");
    }

    public static IEnumerable<string> AllowedOriginList(string? origins) =>
        (origins ?? "").Split(['\n', '\r', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool BeAbsoluteWebUrl(string url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);

    private static bool BeHttpsOrLocal(string url)
    {
        var uri = new Uri(url.Trim());
        return uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback;
    }

    /// <summary>An origin is scheme, host and port only: what browsers send in the Origin header.</summary>
    private static bool BeOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>"Telegram only calls ports 443, 80, 88 and 8443."</summary>
    private static string PortsHint(Messenger messenger, IReadOnlyList<int> ports) => ports.Count == 1
        ? $"{messenger} only calls port {ports[0]}."
        : $"{messenger} only calls ports {string.Join(", ", ports.Take(ports.Count - 1))} and {ports[^1]}.";
}
