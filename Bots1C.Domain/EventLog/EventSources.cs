namespace Bots1C.Domain.EventLog;

/// <summary>The areas that write to the journal; later capabilities add theirs.</summary>
public static class EventSources
{
    public const string Security = "Security";
    public const string Users = "Users";
    public const string System = "System";
    public const string Bots = "Bots";
    public const string Webhooks = "Webhooks";
    public const string Delivery = "Delivery";
    public const string Api = "Api";
    public const string Scenarios = "Scenarios";
    public const string Directory = "Directory";
    public const string Licensing = "Licensing";
    public const string Diagnostics = "Diagnostics";
}
