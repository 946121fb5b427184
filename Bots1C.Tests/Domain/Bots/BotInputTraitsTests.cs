using Bots1C.Domain.Bots;
using Bots1C.Domain.Channels;
using Bots1C.Domain.Data;
using Bots1C.Tests.Domain.Channels;
using Bots1C.Tests.Infrastructure;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Tests.Domain.Bots;

/// <summary>The bot validator's messenger rules (token shape, webhook ports, whether there is a token at all) come from
/// the messenger's traits: the app's own as before, and a changed adapter's if its traits change.</summary>
public sealed class BotInputTraitsTests : IDisposable
{
    private readonly Bots1CAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private static BotInput Input(Messenger messenger, string? token, string url = "https://bot.example.ru/bots_unf") =>
        new() { Name = "Shop", Messenger = messenger, Token = token, PublicBaseUrl = url };

    private Task<ValidationResult> ValidateAsync(BotInput input) =>
        _app.Services.GetRequiredService<IValidator<BotInput>>().ValidateAsync(input);

    private static ValidationFailure Only(ValidationResult result, string code) => Assert.Single(result.Errors, e => e.ErrorCode == code);

    [Fact]
    public async Task A_Viber_token_is_refused_for_a_Telegram_bot_in_Telegrams_words()
    {
        var error = Only(await ValidateAsync(Input(Messenger.Telegram, MessagePath.ViberToken)), "TokenFormat");
        Assert.Equal((nameof(BotInput.Token), "A Telegram token looks like 123456789:AAE… (digits, a colon, 35 letters, digits, '-' or '_')."),
            (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public async Task A_Telegram_token_is_refused_for_a_Viber_bot_in_Vibers_words()
    {
        var error = Only(await ValidateAsync(Input(Messenger.Viber, MessagePath.TelegramToken)), "TokenFormat");
        Assert.Equal("A Viber token is letters and digits in three groups joined by '-'.", error.ErrorMessage);
    }

    [Theory]
    [InlineData(Messenger.Telegram, MessagePath.TelegramToken)]
    [InlineData(Messenger.Viber, MessagePath.ViberToken)]
    [InlineData(Messenger.WebChat, null)]
    public async Task Each_messenger_takes_its_own_kind_of_token(Messenger messenger, string? token) =>
        Assert.True((await ValidateAsync(Input(messenger, token))).IsValid);

    [Theory]
    [InlineData(Messenger.Telegram)]
    [InlineData(Messenger.Viber)]
    public async Task A_messenger_with_tokens_needs_one(Messenger messenger) =>
        Only(await ValidateAsync(Input(messenger, null)), "TokenRequired");

    [Fact]
    public async Task Telegram_refuses_a_webhook_port_it_does_not_call_and_names_its_ports()
    {
        var error = Only(await ValidateAsync(Input(Messenger.Telegram, MessagePath.TelegramToken, "https://bot.example.ru:8080/x")), "PublicUrlPort");
        Assert.Equal("Telegram only calls ports 443, 80, 88 and 8443.", error.ErrorMessage);
    }

    [Fact]
    public async Task Viber_takes_any_webhook_port() =>
        Assert.True((await ValidateAsync(Input(Messenger.Viber, MessagePath.ViberToken, "https://bot.example.ru:8080/x"))).IsValid);

    [Fact]
    public async Task The_validator_reads_ports_and_token_shape_from_the_adapters_traits()
    {
        var strict = TraitsOnlyAdapter.Telegram(t => t with
        {
            WebhookPorts = [8443],
            Token = new TokenFormat(new System.Text.RegularExpressions.Regex("^tg-[0-9]+$"), "A token here is tg- and digits."),
        });
        var adapters = new ChannelAdapters([strict]);
        var validator = new BotInputValidator(_app.Services.GetRequiredService<IDbContextFactory<Bots1CDbContext>>(),
            new MessengerApiServers(Microsoft.Extensions.Options.Options.Create(new MessengerOptions()), adapters), adapters);

        var refused = await validator.ValidateAsync(Input(Messenger.Telegram, MessagePath.TelegramToken));

        Assert.Equal("A token here is tg- and digits.", Only(refused, "TokenFormat").ErrorMessage);
        Assert.Equal("Telegram only calls port 8443.", Only(refused, "PublicUrlPort").ErrorMessage);
        Assert.True((await validator.ValidateAsync(Input(Messenger.Telegram, "tg-42", "https://bot.example.ru:8443/x"))).IsValid);
    }

    private const string VkToken = "vk1.a.kT3nBq9XyZ0aL4mNoPqRsTuVwXyZ_0123456789-abcdefGHIJKLmnopQRSTuvwxYZ";

    [Fact]
    public async Task A_VK_bot_needs_its_community_id_and_the_error_says_where_to_find_it()
    {
        var error = Only(await ValidateAsync(Input(Messenger.Vk, VkToken)), "ExtraIdRequired");
        Assert.Equal(nameof(BotInput.ExtraId), error.PropertyName);
        Assert.EndsWith("A VK community id is a number: vk.com/club123456 → 123456.", error.ErrorMessage);
    }

    [Theory]
    [InlineData("club214167102")]
    [InlineData("-214167102")]
    [InlineData("romashka")]
    public async Task A_VK_community_id_that_is_not_a_number_is_refused_in_VKs_words(string id)
    {
        var error = Only(await ValidateAsync(Input(Messenger.Vk, VkToken) with { ExtraId = id }), "ExtraIdFormat");
        Assert.Equal("A VK community id is a number: vk.com/club123456 → 123456.", error.ErrorMessage);
    }

    [Fact]
    public async Task A_VK_bot_with_its_token_and_community_id_is_valid() =>
        Assert.True((await ValidateAsync(Input(Messenger.Vk, VkToken) with { ExtraId = " 214167102 " })).IsValid);

    [Fact]
    public async Task A_Telegram_token_is_refused_for_a_VK_bot_in_VKs_words()
    {
        var error = Only(await ValidateAsync(Input(Messenger.Vk, MessagePath.TelegramToken) with { ExtraId = "214167102" }), "TokenFormat");
        Assert.StartsWith("A VK community token starts with vk1.a.", error.ErrorMessage);
    }

    [Fact]
    public async Task Messengers_that_need_no_id_besides_the_token_take_none() =>
        Assert.DoesNotContain((await ValidateAsync(Input(Messenger.Telegram, MessagePath.TelegramToken))).Errors, e => e.ErrorCode.StartsWith("ExtraId"));
    private static BotInput WhatsApp(string? appSecret) => Input(Messenger.WhatsApp, Web.Webhooks.WhatsAppWebhookTests.Token) with
    {
        ExtraId = Web.Webhooks.WhatsAppWebhookTests.PhoneNumberId, AppSecret = appSecret,
    };

    [Fact]
    public async Task A_new_WhatsApp_bot_needs_its_app_secret() =>
        Only(await ValidateAsync(WhatsApp(appSecret: null)), "AppSecretRequired");

    [Fact]
    public async Task A_WhatsApp_bot_with_token_phone_number_id_and_app_secret_is_valid() =>
        Assert.True((await ValidateAsync(WhatsApp(Web.Webhooks.WhatsAppWebhookTests.AppSecret))).IsValid);

    [Fact]
    public async Task Changing_a_WhatsApp_bot_with_a_blank_app_secret_keeps_the_stored_one()
    {
        var catalog = _app.Services.GetRequiredService<BotCatalog>();
        var created = await catalog.CreateAsync(WhatsApp(Web.Webhooks.WhatsAppWebhookTests.AppSecret), "test");
        var id = created.Bot!.Id;
        var stored = (await _app.StoredBotAsync(id)).ProtectedAppSecret;

        Assert.True((await ValidateAsync(WhatsApp(appSecret: "") with { ExistingId = id, Token = null })).IsValid);
        var changed = await catalog.UpdateAsync(id, WhatsApp(appSecret: "") with { ExistingId = id, Token = null, Name = "Shop 2" }, "test");

        Assert.True(changed.Bot!.AppSecretSet);
        Assert.Equal(stored, (await _app.StoredBotAsync(id)).ProtectedAppSecret);
        var cache = _app.Services.GetRequiredService<BotCache>();
        cache.Invalidate();
        Assert.Equal(Web.Webhooks.WhatsAppWebhookTests.AppSecret, (await cache.FindByIdAsync(id))!.Credentials.AppSecret);
    }
}
