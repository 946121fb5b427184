using System.Net.Mail;

namespace Bots1C.Domain.Scenarios.Methods;

/// <summary><c>Contact.SetField(field, value)</c>: stores a value on the contact (first or last name, phone, e-mail).</summary>
public sealed class SetContactField : IScenarioMethod
{
    public string Name => "Contact.SetField";
    public IReadOnlyList<MethodParameter> Parameters { get; } =
    [
        new("field", true, "firstName, lastName, phone or email"),
        new("value", true, "the value; may hold variables"),
    ];
    public IReadOnlyList<string> Results { get; } = [];

    public Task<MethodOutcome> InvokeAsync(ScenarioMethodContext context, IReadOnlyDictionary<string, string> arguments, CancellationToken ct)
    {
        var contact = context.Conversation.Contact;
        var field = arguments.GetValueOrDefault("field")?.Trim() ?? "";
        var value = arguments.GetValueOrDefault("value")?.Trim() ?? "";
        value = value.Length == 0 ? "" : value;
        switch (field)
        {
            case "firstName":
                contact.FirstName = Limit(value, 256);
                break;
            case "lastName":
                contact.LastName = Limit(value, 256);
                break;
            case "phone":
                if (value.Length > 0 && PhoneNormalizer.ToE164(value) is not { } phone)
                    return Task.FromResult(MethodOutcome.Failure($"'{value}' is not a phone number."));
                contact.Phone = value.Length == 0 ? null : PhoneNormalizer.ToE164(value);
                contact.PhoneTyped = value.Length > 0; // a scenario's value, not a number the messenger shared
                break;
            case "email":
                if (value.Length > 0 && !EmailAddresses.IsValid(value))
                    return Task.FromResult(MethodOutcome.Failure($"'{value}' is not an e-mail address."));
                contact.Email = value.Length == 0 ? null : value;
                break;
            default:
                return Task.FromResult(MethodOutcome.Failure($"The contact has no field '{field}' that a scenario may set."));
        }
        return Task.FromResult(MethodOutcome.Success());
    }

    private static string? Limit(string value, int max) => value.Length == 0 ? null : value.Length > max ? value[..max] : value;
}

/// <summary>One rule for e-mail addresses everywhere a scenario takes one.</summary>
public static class EmailAddresses
{
    public static bool IsValid(string value)
    {
        value = value.Trim();
        return value.Length <= 254 && !value.Contains(' ')
            && MailAddress.TryCreate(value, out var address) && address.Address == value
            && address.Host.Contains('.') && !address.Host.EndsWith('.');
    }
}
