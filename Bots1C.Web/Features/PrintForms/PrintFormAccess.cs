using Bots1C.Domain.Accounts;

namespace Bots1C.Web.Features.PrintForms;

public static class PrintFormAccess
{
    /// <summary>Who works with print forms: documents, preview, sending.</summary>
    public const string Users = Roles.Administrator + "," + Roles.Manager;
}
