namespace Bots1C.Web.Endpoints;

public static class MachineEndpoints
{
    /// <summary>
    /// Endpoints called by programs (messengers, 1C, the chat window) answer with their own status codes and
    /// bodies. Without this the HTML status pages would re-run the request as a page, and a POST would come
    /// back as an antiforgery 400 instead of its real 401 or 404.
    /// </summary>
    public static TBuilder WithoutStatusPages<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Microsoft.AspNetCore.Mvc.SkipStatusCodePagesAttribute());
}
