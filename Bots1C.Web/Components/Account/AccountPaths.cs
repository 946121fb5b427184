namespace Bots1C.Web.Components.Account;

public static class AccountPaths
{
    public const string Login = "/account/login";
    public const string Logout = "/account/logout";
    public const string Setup = "/setup";
    public const string AccessDenied = "/status/403";
}
