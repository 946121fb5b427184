using System.CommandLine;
using System.Globalization;
using Bots1C.Domain.Bots;
using Bots1C.Domain.Licensing;
using Bots1C.Domain.Licensing.Server;

namespace Bots1C.Web.CommandLine;

/// <summary>
/// <c>dotnet Bots1C.Web.dll license …</c>: the vendor's key pair, keys issued offline, the license server's contracts,
/// and installing or showing this installation's license without the browser.
/// </summary>
public static class LicenseCommands
{
    /// <param name="app">Builds the app (database, services) for the commands that need it; key commands do not.</param>
    public static Command Build(Func<Task<IServiceProvider?>> app)
    {
        var license = new Command("license", "License keys: vendor key pair, offline issue, license server contracts, this installation's license.");
        license.Subcommands.Add(KeyGen());
        license.Subcommands.Add(Issue());
        license.Subcommands.Add(Contract(app));
        license.Subcommands.Add(Install(app));
        license.Subcommands.Add(Show(app));
        return license;
    }

    private static Command KeyGen()
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the two PEM files.", Required = true };
        var keyId = new Option<string>("--kid") { Description = "The key's id, as installations will list it in Bots1C:Licensing:VendorKeys.", DefaultValueFactory = _ => $"vendor-{DateTime.UtcNow:yyyy}" };
        var command = new Command("keygen", "Make the vendor's ECDSA P-256 key pair.") { output, keyId };
        command.SetAction(result =>
        {
            var folder = result.GetValue(output)!;
            var id = result.GetValue(keyId)!;
            folder.Create();
            var privatePath = Path.Combine(folder.FullName, $"{id}.private.pem");
            var publicPath = Path.Combine(folder.FullName, $"{id}.public.pem");
            if (File.Exists(privatePath))
            {
                Console.Error.WriteLine($"{privatePath} exists: a vendor key is never overwritten (keys issued with it would stop verifying).");
                return 1;
            }
            using var key = LicenseKeys.NewKey();
            File.WriteAllText(privatePath, LicenseKeys.PrivatePem(key));
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(privatePath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            File.WriteAllText(publicPath, LicenseKeys.PublicPem(key));
            Console.WriteLine($"Private key: {privatePath} (keep it secret; the license server reads it: Bots1C:Licensing:Server:PrivateKeyFile, KeyId {id})");
            Console.WriteLine($"Public key:  {publicPath} (installations trust it as Bots1C:Licensing:VendorKeys:{id})");
            return 0;
        });
        return command;
    }

    private static Command Issue()
    {
        var privateKey = new Option<FileInfo>("--private-key") { Description = "The vendor's private key (PEM).", Required = true };
        var keyId = new Option<string>("--kid") { Description = "The private key's id.", Required = true };
        var type = new Option<LicenseType>("--type") { DefaultValueFactory = _ => LicenseType.Working };
        var inn = new Option<string?>("--inn");
        var contract = new Option<string?>("--contract");
        var webhook = new Option<string?>("--webhook") { Description = "The webhook URL a working license is bound to (its host)." };
        var anyHost = new Option<bool>("--any-host") { Description = "A working license not bound to a host (e.g. a hosting partner's)." };
        var installation = new Option<string?>("--installation") { Description = "The installation id a test license is bound to." };
        var expires = new Option<string?>("--expires") { Description = "Last day, yyyy-MM-dd (UTC end of day)." };
        var messengers = new Option<string?>("--messengers") { Description = "Comma-separated, e.g. Telegram,WebChat; all when omitted." };
        var forbidShared = new Option<bool>("--forbid-shared-database");
        var command = new Command("issue", "Issue a license key offline and print it.")
            { privateKey, keyId, type, inn, contract, webhook, anyHost, installation, expires, messengers, forbidShared };
        command.SetAction(result =>
        {
            var licenseType = result.GetValue(type);
            string? host = null;
            if (licenseType == LicenseType.Working && !result.GetValue(anyHost))
            {
                if (!Uri.TryCreate(result.GetValue(webhook), UriKind.Absolute, out var url))
                    return Fail("A working license needs --webhook with an absolute URL (or --any-host).");
                host = url.Host.ToLowerInvariant();
            }
            if (licenseType == LicenseType.Test && string.IsNullOrWhiteSpace(result.GetValue(installation)))
                return Fail("A test license needs --installation (the id on the installation's license page).");
            if (!TryParseDay(result.GetValue(expires), out var until))
                return Fail("--expires is a day: yyyy-MM-dd.");
            if (!TryParseMessengers(result.GetValue(messengers), out var allowed))
                return Fail($"--messengers lists some of: {string.Join(", ", Enum.GetNames<Messenger>())}.");
            var now = DateTimeOffset.UtcNow;
            var document = licenseType == LicenseType.Test
                ? LicenseKeys.TestLicense(result.GetValue(installation)!.Trim(), now) with { Inn = result.GetValue(inn), Contract = result.GetValue(contract), ExpiresAt = until }
                : new LicenseDocument(Guid.NewGuid().ToString("N"), LicenseType.Working, result.GetValue(inn), result.GetValue(contract), host, null, now, until, allowed, null, null);
            document = document with { KeyId = result.GetValue(keyId)!, ForbidsSharedDatabase = result.GetValue(forbidShared) };
            using var key = LicenseKeys.FromPem(File.ReadAllText(result.GetValue(privateKey)!.FullName));
            Console.WriteLine(LicenseKeys.Sign(document, key));
            return 0;
        });
        return command;
    }

    private static Command Contract(Func<Task<IServiceProvider?>> app)
    {
        var inn = new Option<string>("--inn") { Required = true };
        var number = new Option<string>("--contract") { Required = true };
        var expires = new Option<string?>("--expires") { Description = "Last day of the licenses issued for it, yyyy-MM-dd." };
        var messengers = new Option<string?>("--messengers") { Description = "Comma-separated; all when omitted." };
        var working = new Option<int>("--working-licenses") { DefaultValueFactory = _ => 1 };
        var forbidShared = new Option<bool>("--forbid-shared-database");
        var add = new Command("add", "License server: register (or change) a signed contract, so requests for it are answered.")
            { inn, number, expires, messengers, working, forbidShared };
        add.SetAction(async (result, ct) =>
        {
            var innValue = result.GetValue(inn)!.Trim();
            if (!Bots1C.Domain.Counterparties.Inn.IsValid(innValue))
                return Fail($"{innValue} is not a valid INN (10 or 12 digits with correct check digits).");
            if (!TryParseDay(result.GetValue(expires), out var until))
                return Fail("--expires is a day: yyyy-MM-dd.");
            if (!TryParseMessengers(result.GetValue(messengers), out var allowed))
                return Fail($"--messengers lists some of: {string.Join(", ", Enum.GetNames<Messenger>())}.");
            if (await app() is not { } services)
                return 1;
            var contract = await services.GetRequiredService<LicenseIssuer>().AddContractAsync(innValue, result.GetValue(number)!.Trim(), until, allowed,
                Math.Max(0, result.GetValue(working)), result.GetValue(forbidShared), ct);
            Console.WriteLine($"Contract {contract.Number} of INN {contract.Inn}: {contract.WorkingLicenses} working license(s), " +
                $"{(contract.ExpiresAt is { } e ? $"until {e:yyyy-MM-dd}" : "no expiry")}, {contract.Messengers ?? "all messengers"}.");
            return 0;
        });
        return new Command("contract", "License server contracts.") { add };
    }

    private static Command Install(Func<Task<IServiceProvider?>> app)
    {
        var key = new Argument<string>("key") { Description = "The license key (or @file to read it from a file)." };
        var command = new Command("install", "Install a license key into this installation.") { key };
        command.SetAction(async (result, ct) =>
        {
            var text = result.GetValue(key)!;
            if (text.StartsWith('@'))
                text = await File.ReadAllTextAsync(text[1..], ct);
            if (await app() is not { } services)
                return 1;
            var verification = await services.GetRequiredService<LicenseStore>().InstallAsync(text, Resources.Actors.CommandLine, ct);
            if (verification.Check != KeyCheck.Valid)
                return Fail(LicenseRefusal.InvalidKey(verification.Check).English);
            Console.WriteLine($"Installed: {verification.License!.Type} license {verification.License.Id}.");
            return 0;
        });
        return command;
    }

    private static Command Show(Func<Task<IServiceProvider?>> app)
    {
        var command = new Command("show", "Show this installation's id and license.");
        command.SetAction(async (result, ct) =>
        {
            if (await app() is not { } services)
                return 1;
            var store = services.GetRequiredService<LicenseStore>();
            Console.WriteLine($"Installation: {await store.InstallationIdAsync(ct)}");
            var status = await store.StatusAsync(ct);
            if (status.License is not { } license)
            {
                Console.WriteLine("License: none");
                return 0;
            }
            Console.WriteLine($"License: {license.Type} {license.Id}, {status.Check}; INN {license.Inn ?? "-"}, contract {license.Contract ?? "-"}, " +
                $"host {license.WebhookHost ?? "-"}, expires {license.ExpiresAt?.ToString("yyyy-MM-dd") ?? "never"}, " +
                $"active bots {license.ActiveBots?.ToString() ?? "no limit"}, contacts per bot {license.ContactsPerBot?.ToString() ?? "no limit"}");
            return 0;
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static bool TryParseDay(string? text, out DateTimeOffset? endOfDay)
    {
        endOfDay = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return false;
        endOfDay = new DateTimeOffset(day.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero);
        return true;
    }

    private static bool TryParseMessengers(string? text, out IReadOnlyList<Messenger>? messengers)
    {
        messengers = null;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var list = new List<Messenger>();
        foreach (var name in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<Messenger>(name, ignoreCase: true, out var messenger) || !Enum.IsDefined(messenger))
                return false;
            list.Add(messenger);
        }
        messengers = list;
        return true;
    }
}
