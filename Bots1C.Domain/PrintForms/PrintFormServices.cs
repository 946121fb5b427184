using Microsoft.Extensions.DependencyInjection;

namespace Bots1C.Domain.PrintForms;

public static class PrintFormServices
{
    /// <summary>The forms (one line per form), the documents and the sending.</summary>
    public static IServiceCollection AddPrintForms(this IServiceCollection services)
    {
        services.AddSingleton<IPrintFormTemplate, Forms.InvoiceForm>();
        services.AddSingleton<IPrintFormTemplate, Forms.ActForm>();
        services.AddSingleton<IPrintFormTemplate, Forms.ReconciliationForm>();
        services.AddSingleton<PrintFormTemplates>();
        services.AddSingleton<PrintFormRenderer>();
        services.AddSingleton<OrganisationSettings>();
        services.AddSingleton<PrintDocuments>();
        services.AddSingleton<PrintFormSender>();
        services.AddSingleton<PrintFormDeliveries>();
        services.AddSingleton<Scenarios.Methods.IScenarioMethod, LatestInvoice>();
        return services;
    }
}
